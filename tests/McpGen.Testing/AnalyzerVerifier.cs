using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace McpGen.Testing;

/// <summary>
/// Runs an analyzer over markup source and compares what it reports with the markup's expectations (id, span and the
/// descriptor's severity), like <c>CSharpAnalyzerVerifier.VerifyAnalyzerAsync</c> of the Microsoft testing library.
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer.</typeparam>
public static class AnalyzerVerifier<TAnalyzer> where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies that exactly the marked diagnostics are reported (ids in <paramref name="disabled"/> are ignored) and the source has no compiler errors.</summary>
    public static async Task VerifyAnalyzerAsync(string markup, params string[] disabled)
    {
        var (source, expected) = Markup.Parse(markup);
        var compilation = TestCompilation.Create(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        var actual = (await GetDiagnosticsAsync(compilation)).Where(d => !disabled.Contains(d.Id)).ToList();
        Compare(expected, actual);
    }

    /// <summary>The analyzer's diagnostics on <paramref name="compilation"/>, in source order.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Compilation compilation)
    {
        var analyzer = new TAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var all = await withAnalyzers.GetAllDiagnosticsAsync();
        var exceptions = all.Where(d => d.Id == "AD0001").ToList();
        Assert.True(exceptions.Count == 0, "The analyzer threw: " + string.Join("\n", exceptions));
        return [.. (await withAnalyzers.GetAnalyzerDiagnosticsAsync()).OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>Asserts that <paramref name="actual"/> is exactly <paramref name="expected"/>, with readable differences.</summary>
    public static void Compare(IReadOnlyList<Markup.Expected> expected, IReadOnlyList<Diagnostic> actual)
    {
        var descriptors = new TAnalyzer().SupportedDiagnostics.ToDictionary(d => d.Id);
        string Describe(Diagnostic d) => $"{d.Id} {d.Severity} at {d.Location.SourceSpan} '{d.Location.SourceTree?.GetText().ToString(d.Location.SourceSpan)}': {d.GetMessage()}";
        var missing = expected.Where(e => !actual.Any(a => a.Id == e.Id && a.Location.SourceSpan == e.Span)).ToList();
        var extra = actual.Where(a => !expected.Any(e => a.Id == e.Id && a.Location.SourceSpan == e.Span)).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "Diagnostics differ.\nExpected but not reported:\n  " + string.Join("\n  ", missing.Select(m => $"{m.Id} at {m.Span}")) +
            "\nReported but not expected:\n  " + string.Join("\n  ", extra.Select(Describe)));
        foreach (var d in actual)
        {
            Assert.Equal(descriptors[d.Id].DefaultSeverity, d.Severity);
            Assert.False(string.IsNullOrWhiteSpace(d.GetMessage()));
        }
    }
}
