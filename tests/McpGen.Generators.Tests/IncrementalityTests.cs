using McpGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpGen.Generators.Tests;

/// <summary>The standard edits, with the run reasons each step must show (STYLE.md rule 5).</summary>
public class IncrementalityTests
{
    private const string ToolsFile = """
        using McpGen;
        namespace Demo;
        public sealed record Point(double X, double Y);
        public static class Tools
        {
            /// <summary>Adds.</summary>
            [McpTool]
            public static int Add(int a, int b) => a + b;

            /// <summary>Moves a point.</summary>
            [McpTool]
            public static Point Move(Point p, double dx) => p with { X = p.X + dx };
        }
        """;

    private const string OtherFile = """
        namespace Demo;
        public static class Unrelated { public static int Twice(int x) => 2 * x; }
        """;

    private static (GeneratorHarness Harness, CSharpCompilation Compilation, GeneratorRun First) Start()
    {
        var harness = new GeneratorHarness(new McpServerGenerator());
        var compilation = TestCompilation.Create(ToolsFile, OtherFile);
        return (harness, compilation, harness.Run(compilation));
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string text)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, TestCompilation.ParseOptions, old.FilePath));
    }

    private static IReadOnlyList<IncrementalStepRunReason> OutputReasons(GeneratorRun run) =>
        run.Result.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    [Fact]
    public void First_run_produces_every_file_and_models_hold_no_roslyn_objects()
    {
        var (_, _, first) = Start();
        Assert.Equal(4, first.Sources.Count); // two tools, the registry, the shared readers/writers
        IncrementalAssert.ModelsHoldNoRoslynObjects(first, TrackingNames.Options, TrackingNames.Tools, TrackingNames.Registry, TrackingNames.Shapes);
    }

    [Fact]
    public void The_model_walk_catches_a_symbol()
    {
        // The check must be able to fail: a generator whose model holds a symbol is caught.
        var run = new GeneratorHarness(new SymbolHoldingGenerator()).Run(TestCompilation.Create("class C { }"));
        Assert.ThrowsAny<Exception>(() => IncrementalAssert.ModelsHoldNoRoslynObjects(run, "Bad"));
    }

    private sealed class SymbolHoldingGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var bad = context.CompilationProvider.Select(static (c, _) => (Name: "x", Symbol: (ISymbol)c.Assembly)).WithTrackingName("Bad");
            context.RegisterSourceOutput(bad, static (_, _) => { });
        }
    }

    [Fact]
    public void An_unrelated_edit_reemits_nothing()
    {
        var (harness, compilation, _) = Start();
        var second = harness.Run(Replace(compilation, 1, OtherFile.Replace("2 * x", "x + x") + "\npublic static class More { }"));
        // The attribute transform runs again (semantics may have changed) but yields equal models.
        IncrementalAssert.StepReasons(second, TrackingNames.Tools, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        IncrementalAssert.StepReasons(second, TrackingNames.Registry, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        IncrementalAssert.StepReasons(second, TrackingNames.Shapes, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(OutputReasons(second), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void A_method_body_edit_reemits_nothing()
    {
        var (harness, compilation, _) = Start();
        var second = harness.Run(Replace(compilation, 0, ToolsFile.Replace("=> a + b;", "=> b + a;")));
        IncrementalAssert.StepReasons(second, TrackingNames.Tools, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        Assert.All(OutputReasons(second), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void A_description_edit_reemits_only_that_tool()
    {
        var (harness, compilation, first) = Start();
        var second = harness.Run(Replace(compilation, 0, ToolsFile.Replace("<summary>Adds.</summary>", "<summary>Adds two numbers.</summary>")));
        var reasons = IncrementalAssert.Reasons(second, TrackingNames.Tools);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
        IncrementalAssert.StepReasons(second, TrackingNames.Registry, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        Assert.Equal(1, OutputReasons(second).Count(r => r == IncrementalStepRunReason.Modified));
        var changed = second.Sources.Where(s => first.Sources[s.Key] != s.Value).Select(s => s.Key).ToList();
        Assert.Equal(["Tools.Add." + first.Sources.Keys.Single(k => k.StartsWith("Tools.Add.", StringComparison.Ordinal))["Tools.Add.".Length..]], changed);
    }

    [Fact]
    public void A_new_tool_emits_its_file_and_the_registry_only()
    {
        var (harness, compilation, first) = Start();
        var second = harness.Run(Replace(compilation, 0, ToolsFile.Replace("    /// <summary>Moves a point.</summary>", "    /// <summary>Negates.</summary>\n    [McpTool]\n    public static int Negate(int a) => -a;\n\n    /// <summary>Moves a point.</summary>")));
        Assert.Equal(5, second.Sources.Count);
        var changedOrNew = second.Sources.Where(s => !first.Sources.TryGetValue(s.Key, out var old) || old != s.Value).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, changedOrNew.Count);
        Assert.Contains("GeneratedMcpRegistry.g.cs", changedOrNew);
        Assert.Contains(changedOrNew, k => k.StartsWith("Tools.Negate.", StringComparison.Ordinal));
        Assert.Contains(IncrementalStepRunReason.New, IncrementalAssert.Reasons(second, TrackingNames.Tools));
        IncrementalAssert.StepReasons(second, TrackingNames.Registry, IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void A_property_change_in_a_bound_type_reaches_the_tool_that_uses_it()
    {
        var (harness, compilation, first) = Start();
        var second = harness.Run(Replace(compilation, 0, ToolsFile.Replace("public sealed record Point(double X, double Y);", "public sealed record Point(double X, double Y, double Z = 0);")));
        string move = first.Sources.Keys.Single(k => k.StartsWith("Tools.Move.", StringComparison.Ordinal));
        Assert.NotEqual(first.Sources[move], second.Sources[move]);
        Assert.Contains("\\\"z\\\"", second.Sources[move]);
        IncrementalAssert.StepReasons(second, TrackingNames.Shapes, IncrementalStepRunReason.Modified);
    }
}
