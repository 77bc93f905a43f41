using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace McpGen.Generators.Parsing;

/// <summary>
/// Reads XML documentation comments. Uses the compiler's parsed comment when the project parses documentation,
/// and otherwise reads the <c>///</c> lines (or a <c>/** */</c> block) from the declaration's trivia, so descriptions work without
/// <c>GenerateDocumentationFile</c>.
/// </summary>
internal static class DocComments
{
    public static XElement? Read(ISymbol symbol, System.Threading.CancellationToken cancellationToken)
    {
        string? xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml)) xml = FromTrivia(symbol, cancellationToken);
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var root = XElement.Parse(xml!.Trim().StartsWith("<member", StringComparison.Ordinal) ? xml : "<member>" + xml + "</member>");
            return root;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string? FromTrivia(ISymbol symbol, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var node = reference.GetSyntax(cancellationToken);
            // For records' primary constructors and nested declarations, the comment sits on the declaration node.
            var trivia = node.GetLeadingTrivia();
            var sb = new StringBuilder();
            foreach (var t in trivia)
            {
                string text = t.ToFullString();
                if (text.StartsWith("/**", StringComparison.Ordinal) && text.EndsWith("*/", StringComparison.Ordinal) && text.Length >= 5)
                {
                    // A delimited doc comment: its lines, without the delimiters and each line's leading '*'.
                    foreach (var raw in text.Substring(3, text.Length - 5).Split('\n'))
                    {
                        string line = raw.Trim();
                        sb.Append(line.StartsWith("*", StringComparison.Ordinal) ? line.Substring(1) : line).Append('\n');
                    }
                    continue;
                }
                foreach (var raw in text.Split('\n'))
                {
                    string line = raw.Trim();
                    if (line.StartsWith("///", StringComparison.Ordinal)) sb.Append(line.Substring(3)).Append('\n');
                }
            }
            if (sb.Length > 0) return sb.ToString();
        }
        return null;
    }

    public static string? Summary(XElement? doc) => Clean(doc?.Element("summary"));

    public static string? Param(XElement? doc, string name) =>
        Clean(doc?.Elements("param").FirstOrDefault(e => (string?)e.Attribute("name") == name));

    /// <summary>Text of an element with <c>see cref</c>/<c>paramref</c> rendered as names and whitespace collapsed.</summary>
    private static string? Clean(XElement? element)
    {
        if (element is null) return null;
        var sb = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    sb.Append(text.Value);
                    break;
                case XElement e when e.Name == "see" || e.Name == "seealso":
                    string? cref = (string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? (string?)e.Attribute("href");
                    sb.Append(e.Value.Length > 0 ? e.Value : ShortName(cref));
                    break;
                case XElement e when e.Name == "paramref" || e.Name == "typeparamref":
                    sb.Append((string?)e.Attribute("name"));
                    break;
                case XElement e:
                    sb.Append(e.Value);
                    break;
            }
        }
        string collapsed = string.Join(" ", sb.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed;
    }

    private static string ShortName(string? cref)
    {
        if (cref is null) return "";
        int colon = cref.IndexOf(':');
        string name = colon >= 0 ? cref.Substring(colon + 1) : cref;
        int paren = name.IndexOf('(');
        if (paren >= 0) name = name.Substring(0, paren);
        int dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }
}
