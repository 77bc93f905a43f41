using System.Collections.Immutable;
using McpGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpGen.Analyzers.Tests;

/// <summary>
/// <see cref="DataAnnotationsTrimSuppressor"/>: IL2026 on DataAnnotations attributes McpGen reads is suppressed, and
/// nowhere else. The trim analyzer is played by <see cref="RequiresUnreferencedCodeOnAttributes"/>, which reports IL2026
/// where ILLink's Roslyn analyzer does: on each attribute whose constructor has [RequiresUnreferencedCode].
/// (A real native AOT publish of samples using every attribute is checked by hand: see analyzers/README.md.)
/// </summary>
public class TrimSuppressorTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using McpGen;

        public sealed record Order([property: Length(1, 5)] List<string> Lines, [property: MinLength(1)] string Note = "n");
        public sealed class Filter { [MaxLength(3)] public List<int> Ids { get; set; } = []; public Nested Inner { get; set; } = new(); }
        public sealed class Nested { [MinLength(2)] public int[] Values { get; set; } = []; }
        public sealed record Result([property: MaxLength(9)] string[] Items);
        public sealed class NotMcp { [MinLength(2)] public string[] Values { get; set; } = []; }

        public static class Tools
        {
            [McpTool] public static Result Place(Order order, Filter filter, [Length(2, 5)] string code, [MaxLength(4)] int[] ids) => new([]);
            public static void Plain([Length(2, 5)] string code) { }
        }
        """;

    [Fact]
    public async Task Suppresses_IL2026_on_McpGen_parameters_and_bound_types_only()
    {
        var compilation = TestCompilation.Create(Source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RequiresUnreferencedCodeOnAttributes(), new DataAnnotationsTrimSuppressor());
        var diagnostics = await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true)).GetAnalyzerDiagnosticsAsync();
        string Text(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);
        var il2026 = diagnostics.Where(d => d.Id == "IL2026").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        var suppressed = il2026.Where(d => d.IsSuppressed).Select(Text).ToList();
        var kept = il2026.Where(d => !d.IsSuppressed).Select(Text).ToList();

        // McpGen reads these: a tool's parameters, properties and positional parameters of types it takes or returns
        // (nested too).
        Assert.Equal(["Length(1, 5)", "MinLength(1)", "MaxLength(3)", "MinLength(2)", "MaxLength(9)", "Length(2, 5)", "MaxLength(4)"], suppressed);
        // Not McpGen's: a type no tool reaches and a method without [McpTool].
        Assert.Equal(["MinLength(2)", "Length(2, 5)"], kept);
    }

    [Fact]
    public async Task Leaves_other_warnings_alone()
    {
        // The fake reports IL2026 on every RequiresUnreferencedCode attribute, McpGen's own ones included: a non-DataAnnotations attribute keeps it.
        var compilation = TestCompilation.Create("""
            using System.Diagnostics.CodeAnalysis;
            using McpGen;
            public sealed class ReflectingAttribute : System.Attribute { [RequiresUnreferencedCode("reflects")] public ReflectingAttribute() { } }
            public static class Tools { [McpTool] public static int Add([Reflecting] int a) => a; }
            """);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RequiresUnreferencedCodeOnAttributes(), new DataAnnotationsTrimSuppressor());
        var diagnostics = await compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true)).GetAnalyzerDiagnosticsAsync();
        var d = Assert.Single(diagnostics, x => x.Id == "IL2026");
        Assert.False(d.IsSuppressed);
    }

    /// <summary>Reports IL2026 on attributes whose constructor is [RequiresUnreferencedCode], as ILLink's Roslyn analyzer does.</summary>
#pragma warning disable RS1001, RS2008 // a stand-in for ILLink's trim analyzer, run only by these tests (never shipped, never loaded by a compiler)
    private sealed class RequiresUnreferencedCodeOnAttributes : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("IL2026", "RequiresUnreferencedCode", "Using member '{0}' which has 'RequiresUnreferencedCodeAttribute'",
            "Trimming", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(c =>
            {
                if (c.SemanticModel.GetSymbolInfo(c.Node).Symbol is IMethodSymbol ctor
                    && ctor.GetAttributes().Any(a => a.AttributeClass?.Name == "RequiresUnreferencedCodeAttribute"))
                    c.ReportDiagnostic(Diagnostic.Create(Rule, c.Node.GetLocation(), ctor.ToDisplayString()));
            }, Microsoft.CodeAnalysis.CSharp.SyntaxKind.Attribute);
        }
    }
#pragma warning restore RS1001, RS2008
}
