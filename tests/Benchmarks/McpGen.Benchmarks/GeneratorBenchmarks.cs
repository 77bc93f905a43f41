using System.Text;
using BenchmarkDotNet.Attributes;
using McpGen.Generators;
using McpGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpGen.Benchmarks;

/// <summary>The generator on a project of 500 tools: a full run, and the incremental run after a method-body edit.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    public static string Source(int tools, int variant)
    {
        var sb = new StringBuilder("using System.Collections.Generic; using System.ComponentModel.DataAnnotations; using McpGen;\nnamespace Bench;\n");
        sb.AppendLine("public enum Kind { A, B, C }");
        sb.AppendLine("public sealed record Item(string Name, [property: Range(1, 10)] int Count, Kind Kind = Kind.A, List<string>? Tags = null);");
        sb.AppendLine("public static class Tools {");
        for (int i = 0; i < tools; i++)
        {
            sb.AppendLine($"    /// <summary>Tool number {i}.</summary>");
            sb.AppendLine($"    /// <param name=\"text\">Some text.</param>");
            sb.AppendLine("    [McpTool]");
            sb.AppendLine(i % 2 == 0
                ? $"    public static int Tool{i}(string text, int count = 3, Kind kind = Kind.B) => {(i == 0 ? variant : 0)} + count;"
                : $"    public static Item Tool{i}(Item item, IReadOnlyList<Item> others) => item;");
        }
        sb.AppendLine("}");
        return sb.ToString();
    }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = TestCompilation.Create("Bench", [Source(500, 0)]);
        var tree = _compilation.SyntaxTrees.Single();
        _edited = _compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Source(500, 1), TestCompilation.ParseOptions, tree.FilePath));
        _warm = NewDriver().RunGenerators(_compilation);
    }

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create([new McpServerGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions);

    [Benchmark]
    public GeneratorDriver Generate_500_tools() => NewDriver().RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver Rerun_after_a_method_body_edit() => _warm.RunGenerators(_edited);
}
