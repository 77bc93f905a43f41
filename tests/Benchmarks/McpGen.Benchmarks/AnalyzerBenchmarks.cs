using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using McpGen.Analyzers;
using McpGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpGen.Benchmarks;

/// <summary>
/// What the analyzers add to a build of 500 tools: the compiler's own diagnostics alone (the baseline) against the
/// compiler plus McpGen's analyzer, each on a fresh copy of the compilation (no cached binding).
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = [new McpPrimitiveAnalyzer()];

    [GlobalSetup]
    public void Setup() => _compilation = TestCompilation.Create("Bench", [GeneratorBenchmarks.Source(500, 0)]);

    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> Compile_500_tools() => _compilation.Clone().GetDiagnostics();

    [Benchmark]
    public ImmutableArray<Diagnostic> Compile_and_analyze_500_tools() =>
        _compilation.Clone().WithAnalyzers(_analyzers).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
}
