using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpGen.Testing;

/// <summary>
/// Builds C# compilations for tests from the running runtime's trusted platform assemblies and the McpGen runtime:
/// nothing is downloaded.
/// </summary>
public static class TestCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    /// <summary>The references every test compilation gets.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>Parse options: latest C#, documentation comments parsed (as with GenerateDocumentationFile).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Parse);

    /// <summary>Creates a library compilation of <paramref name="sources"/> (nullable enabled).</summary>
    public static CSharpCompilation Create(params string[] sources) => Create("TestAssembly", sources);

    /// <summary>Creates a library compilation named <paramref name="assemblyName"/>.</summary>
    public static CSharpCompilation Create(string assemblyName, IEnumerable<string> sources, CSharpParseOptions? parseOptions = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions ?? ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .ToList();
        // The runtime, Microsoft.Extensions abstractions and whatever the test process loaded (McpGen itself).
        paths.Add(typeof(McpServer).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions).Assembly.Location);
        return paths.Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(File.Exists)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>Errors and warnings of a compilation, as readable lines (hidden and info diagnostics left out).</summary>
    public static IReadOnlyList<string> Problems(Compilation compilation, params string[] ignoredIds) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !ignoredIds.Contains(d.Id))
            .Select(d => d.ToString())
            .ToList();
}
