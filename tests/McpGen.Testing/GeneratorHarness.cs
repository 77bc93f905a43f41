using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpGen.Testing;

/// <summary>Runs an incremental generator over a compilation with step tracking on, like the testing library's driver.</summary>
public sealed class GeneratorHarness
{
    private GeneratorDriver _driver;

    /// <summary>Creates a harness for <paramref name="generators"/>.</summary>
    public GeneratorHarness(params IIncrementalGenerator[] generators)
    {
        _driver = CSharpGeneratorDriver.Create(
            generators.Select(g => g.AsSourceGenerator()),
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator (incrementally, after earlier runs) and returns the result.</summary>
    public GeneratorRun Run(Compilation compilation, CancellationToken cancellationToken = default)
    {
        _driver = _driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
        return new GeneratorRun(_driver.GetRunResult(), output, diagnostics);
    }
}

/// <summary>One generator run: the sources it added, the updated compilation and the tracked steps.</summary>
public sealed class GeneratorRun(GeneratorDriverRunResult result, Compilation output, ImmutableArray<Diagnostic> diagnostics)
{
    /// <summary>The driver's result.</summary>
    public GeneratorDriverRunResult Result { get; } = result;

    /// <summary>The compilation with generated sources added.</summary>
    public Compilation Output { get; } = output;

    /// <summary>Diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>The tracked steps of the (single) generator, by step name.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> Steps => Result.Results.First().TrackedSteps;

    /// <summary>
    /// Errors and warnings of the compilation including generated code, with nullable warnings on in the generated
    /// files: they turn them off (<c>#nullable disable warnings</c>, a cost to the user's build), tests still check them.
    /// </summary>
    public IReadOnlyList<string> Problems(params string[] ignoredIds) => TestCompilation.Problems(WithNullableWarnings(Output), ignoredIds);

    private Compilation WithNullableWarnings(Compilation compilation)
    {
        foreach (var tree in Result.GeneratedTrees)
        {
            string text = tree.GetText().ToString();
            string checkedText = text.Replace("#nullable disable warnings\n", "", StringComparison.Ordinal);
            if (!ReferenceEquals(text, checkedText) && checkedText != text)
                compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(checkedText, System.Text.Encoding.UTF8)));
        }
        return compilation;
    }
}
