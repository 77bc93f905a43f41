using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpGen.Testing;

/// <summary>
/// Compiles sources with a generator, loads the assembly in a collectible context (sharing McpGen with the test) and
/// hands out its generated registry, so generated code runs for real against the runtime.
/// </summary>
public sealed class GeneratedAssembly
{
    private GeneratedAssembly(Assembly assembly, GeneratorRun run)
    {
        Assembly = assembly;
        Run = run;
    }

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The generator run that produced it.</summary>
    public GeneratorRun Run { get; }

    /// <summary>The generated registry (<c>McpGen.Generated.GeneratedMcpRegistry.Instance</c>, unless configured otherwise).</summary>
    public McpRegistry Registry(string typeName = "McpGen.Generated.GeneratedMcpRegistry") =>
        (McpRegistry)Assembly.GetType(typeName, throwOnError: true)!.GetProperty("Instance")!.GetValue(null)!;

    /// <summary>Generates, checks there is no error or warning, compiles and loads.</summary>
    public static GeneratedAssembly Build(IIncrementalGenerator generator, params string[] sources) => Build([generator], sources);

    /// <summary>Like <see cref="Build(IIncrementalGenerator, string[])"/> with several generators (e.g. System.Text.Json's too).</summary>
    public static GeneratedAssembly Build(IIncrementalGenerator[] generators, params string[] sources)
    {
        var compilation = TestCompilation.Create("Generated" + Guid.NewGuid().ToString("N"), sources);
        var run = new GeneratorHarness(generators).Run(compilation);
        var problems = run.Problems();
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:\n" + string.Join("\n", problems));
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new GeneratedAssembly(context.LoadFromStream(stream), run);
    }
}
