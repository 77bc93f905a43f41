using System.Runtime.Loader;
using McpGen.Generators;
using McpGen.Testing;
using Microsoft.CodeAnalysis;
using Verify = McpGen.Testing.AnalyzerVerifier<McpGen.Analyzers.McpPrimitiveAnalyzer>;

namespace McpGen.Analyzers.Tests;

/// <summary>
/// The analyzer and the generator agree: for every error rule, the generator leaves the rejected declaration out,
/// the build's only error is the analyzer's (no confusing errors from generated code), and the rest still works.
/// </summary>
public class AgreementTests
{
    private const string Usings = "using System; using System.Threading; using System.Threading.Tasks; using McpGen;\n";

    /// <summary>The good primitives every case also declares; they must survive the bad one.</summary>
    private const string Good = """
        public static class Good
        {
            /// <summary>Adds.</summary>
            /// <param name="a">A.</param>
            /// <param name="b">B.</param>
            [McpTool] public static int Add(int a, int b) => a + b;
            /// <summary>Greets.</summary>
            [McpPrompt] public static string Greet() => "hi";
            /// <summary>A resource.</summary>
            [McpResource("test://good")] public static string Resource() => "r";
        }
        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "MCPGEN0001", "public static class Bad { [McpTool] private static int Hidden() => 1; public static int U() => Hidden(); }" },
        { "MCPGEN0001", "public static class Bad<T> { [McpTool] public static int InGeneric() => 1; }" },
        { "MCPGEN0002", "public static class Bad { [McpTool(\"add\")] public static int Add2(int a, int b) => a + b; }" },
        { "MCPGEN0002", "public static class Bad { [McpResource(\"test://good\")] public static string R2() => \"\"; }" },
        { "MCPGEN0003", "public static class Bad { [McpTool(\"no spaces allowed\")] public static int Spaced() => 1; }" },
        { "MCPGEN0003", "public static class Bad { [McpPrompt(\"\")] public static string Empty() => \"\"; }" },
        { "MCPGEN0004", "public static class Bad { [McpTool] public static async void Fire() => await Task.Yield(); }" },
        { "MCPGEN0005", "public static class Bad { [McpTool] public static int Callback(Func<int> f) => f(); }" },
        { "MCPGEN0006", "public static class Bad { [McpTool] public static Func<int> Returns() => () => 1; }" },
        { "MCPGEN0009", "public static class Bad { [McpResource(\"test://x/{id\")] public static string Broken() => \"\"; }" },
        { "MCPGEN0009", "public static class Bad { [McpResource(\"test://x/{id}\")] public static string Wrong(string other) => other; }" },
        { "MCPGEN0010", "public static class Bad { [McpTool] public static int ByRef(ref int x) => x; }" },
        { "MCPGEN0010", "public static class Bad { [McpTool] public static int Spanned(Span<int> s) => s.Length; }" },
        { "MCPGEN0011", "public abstract class Bad { [McpTool] public int OnAbstract() => 1; }" },
        { "MCPGEN0014", "public static class Bad { [McpResource(\"test://fixed\")] public static string Fixed(string id) => id; }" },
        { "MCPGEN0015", "public static class Bad { [McpTool] public static int Twice(int userId, int UserId) => 1; }" },
        { "MCPGEN0016", "public static class Bad { [McpTool(Scopes = new[] { \"orders write\" })] public static int Spaced() => 1; }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_generator_skips_what_the_analyzer_rejects(string id, string bad)
    {
        var compilation = TestCompilation.Create("Agreement" + Guid.NewGuid().ToString("N"), [Usings + Good, Usings + bad]);
        var run = new GeneratorHarness(new McpServerGenerator()).Run(compilation);

        // The compiler sees no error in the user's code or the generated code: the analyzer's diagnostic is the only error.
        var compilerErrors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(compilerErrors.Count == 0, string.Join("\n", compilerErrors));
        var analyzerErrors = (await Verify.GetDiagnosticsAsync(compilation)).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal([id], analyzerErrors.Select(d => d.Id));
        Assert.Equal("Source1.cs", analyzerErrors[0].Location.SourceTree!.FilePath);

        // The generated registry loads and offers exactly the good primitives.
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("agreement", isCollectible: true);
        try
        {
            var registry = (McpRegistry)context.LoadFromStream(stream).GetType("McpGen.Generated.GeneratedMcpRegistry", throwOnError: true)!
                .GetProperty("Instance")!.GetValue(null)!;
            Assert.Equal(["add"], registry.Tools.Select(t => t.Name));
            Assert.Equal(["greet"], registry.Prompts.Select(p => p.Name));
            Assert.Equal(["test://good"], registry.Resources.Select(r => r.Uri));
            Assert.Empty(registry.ResourceTemplates);
        }
        finally
        {
            context.Unload();
        }
    }
}
