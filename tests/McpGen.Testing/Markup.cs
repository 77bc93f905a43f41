using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace McpGen.Testing;

/// <summary>
/// Markup for expected diagnostics, as in the testing library: <c>{|MCPGEN0003:span|}</c> marks where a diagnostic with
/// that id is expected. <see cref="Parse"/> returns the plain source and the expected spans.
/// </summary>
public static partial class Markup
{
    /// <summary>An expected diagnostic: its id and span in the plain source.</summary>
    public sealed record Expected(string Id, TextSpan Span);

    /// <summary>Strips the markup, returning plain source and the expected diagnostics.</summary>
    public static (string Source, IReadOnlyList<Expected> Expected) Parse(string markup)
    {
        var expected = new List<Expected>();
        var sb = new StringBuilder();
        int i = 0;
        var open = new Stack<(string Id, int Start)>();
        while (i < markup.Length)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var m = OpenPattern().Match(markup, i);
                if (m.Success && m.Index == i)
                {
                    open.Push((m.Groups[1].Value, sb.Length));
                    i += m.Length;
                    continue;
                }
            }
            if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add(new Expected(id, TextSpan.FromBounds(start, sb.Length)));
                i += 2;
                continue;
            }
            sb.Append(markup[i++]);
        }
        return (sb.ToString(), expected);
    }

    [GeneratedRegex(@"\{\|(MCPGEN\d{4}):")]
    private static partial Regex OpenPattern();
}
