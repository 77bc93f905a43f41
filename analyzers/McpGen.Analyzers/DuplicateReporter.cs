using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using McpGen.Generators.Model;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace McpGen.Analyzers;

/// <summary>
/// MCPGEN0002 at the end of the compilation: the first declaration of a name (in compilation order) keeps it;
/// every later one is reported, with a free name for the code fix (tools and prompts).
/// </summary>
internal static class DuplicateReporter
{
    public static void Report(CompilationAnalysisContext context, IEnumerable<Declaration> declarations)
    {
        var all = declarations.ToList();
        var taken = new HashSet<(PrimitiveKind, string)>(all.Select(d => (d.Kind, d.Key)));
        foreach (var group in all.GroupBy(d => (d.Kind, d.Key)).Where(g => g.Count() > 1))
        {
            // The generator keeps the first declaration in compilation order (syntax tree order, then position): so does this.
            var ordered = group.OrderBy(d => TreeIndex(context.Compilation, d.Location.SourceTree)).ThenBy(d => d.Location.SourceSpan.Start).ToList();
            var first = ordered[0];
            foreach (var later in ordered.Skip(1))
            {
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (later.Kind is PrimitiveKind.Tool or PrimitiveKind.Prompt)
                {
                    string name = FreeName(later.Key, later.Kind, taken);
                    taken.Add((later.Kind, name));
                    properties = properties.Add(McpPrimitiveAnalyzer.NewNameProperty, name);
                }
                string what = later.Kind is PrimitiveKind.Tool or PrimitiveKind.Prompt ? "name" : later.Kind == PrimitiveKind.Resource ? "URI" : "URI template";
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.Duplicate, later.Location, additionalLocations: new[] { first.Location }, properties,
                    McpPrimitiveAnalyzer.KindText(later.Kind), what, later.Key, later.Method, first.Method));
            }
        }
    }

    private static int TreeIndex(Compilation compilation, SyntaxTree? tree)
    {
        int index = 0;
        foreach (var t in compilation.SyntaxTrees)
        {
            if (t == tree) return index;
            index++;
        }
        return int.MaxValue;
    }

    private static string FreeName(string name, PrimitiveKind kind, HashSet<(PrimitiveKind, string)> taken)
    {
        for (int n = 2; ; n++)
        {
            string suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            string candidate = (name.Length + suffix.Length > 128 ? name.Substring(0, 128 - suffix.Length) : name) + suffix;
            if (!taken.Contains((kind, candidate))) return candidate;
        }
    }
}
