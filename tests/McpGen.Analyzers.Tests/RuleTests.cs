using McpGen.Analyzers;
using McpGen.Testing;
using Microsoft.CodeAnalysis;
using Verify = McpGen.Testing.AnalyzerVerifier<McpGen.Analyzers.McpPrimitiveAnalyzer>;

namespace McpGen.Analyzers.Tests;

/// <summary>Every rule, positive and negative: id, span and severity from markup.</summary>
public class RuleTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.ComponentModel; using System.ComponentModel.DataAnnotations; using System.Text.Json.Serialization; using System.Threading; using System.Threading.Tasks; using McpGen;\n";
    private static readonly string[] NoDocs = [DiagnosticIds.MissingDescription, DiagnosticIds.MissingParameterDescription];

    [Fact]
    public void Ids_and_default_severities_are_as_documented()
    {
        var expected = new Dictionary<string, DiagnosticSeverity>
        {
            ["MCPGEN0001"] = DiagnosticSeverity.Error, ["MCPGEN0002"] = DiagnosticSeverity.Error, ["MCPGEN0003"] = DiagnosticSeverity.Error,
            ["MCPGEN0004"] = DiagnosticSeverity.Error, ["MCPGEN0005"] = DiagnosticSeverity.Error, ["MCPGEN0006"] = DiagnosticSeverity.Error,
            ["MCPGEN0007"] = DiagnosticSeverity.Warning, ["MCPGEN0008"] = DiagnosticSeverity.Info, ["MCPGEN0009"] = DiagnosticSeverity.Error,
            ["MCPGEN0010"] = DiagnosticSeverity.Error, ["MCPGEN0011"] = DiagnosticSeverity.Error, ["MCPGEN0012"] = DiagnosticSeverity.Warning,
            ["MCPGEN0013"] = DiagnosticSeverity.Warning, ["MCPGEN0014"] = DiagnosticSeverity.Error, ["MCPGEN0015"] = DiagnosticSeverity.Error,
            ["MCPGEN0016"] = DiagnosticSeverity.Error, ["MCPGEN0017"] = DiagnosticSeverity.Error,
        };
        var descriptors = new McpPrimitiveAnalyzer().SupportedDiagnostics;
        Assert.Equal(expected.Keys.Order(), descriptors.Select(d => d.Id).Order());
        foreach (var d in descriptors)
        {
            Assert.Equal(expected[d.Id], d.DefaultSeverity);
            Assert.Equal("https://github.com/mcpgen/mcpgen/blob/main/analyzers/README.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString()));
        }
    }

    [Fact]
    public async Task MCPGEN0001_methods_the_generated_code_cannot_call()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] private static int {|MCPGEN0001:Hidden|}() => 1;
                [McpTool] public static int {|MCPGEN0001:Generic|}<T>() => 1;
                [McpTool] internal static int Fine() => 1;
                private static class Nested { [McpTool] public static int {|MCPGEN0001:InPrivateType|}() => 1; }
                public static int Use() => Nested.InPrivateType() + Hidden();
            }
            public static class Box<T> { [McpTool] public static int {|MCPGEN0001:InGenericType|}() => 1; }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0001_says_what_to_do()
    {
        var compilation = TestCompilation.Create(Usings + "public static class Tools { [McpTool] private static int Hidden() => 1; public static int U() => Hidden(); }");
        var d = Assert.Single(await Verify.GetDiagnosticsAsync(compilation), d => d.Id == "MCPGEN0001");
        Assert.Equal("'Tools.Hidden' cannot be an MCP tool: it is private or protected, so the generated code cannot call it: make it internal or public", d.GetMessage());
    }

    [Fact]
    public async Task MCPGEN0002_duplicate_names_and_uris()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class A
            {
                [McpTool("dup")] public static int One() => 1;
                [McpTool] public static int Same() => 1;
                [McpPrompt("p")] public static string P1() => "";
                [McpResource("test://r")] public static string R1() => "";
                [McpTool("unique")] public static int Unique() => 1;
            }
            public static class B
            {
                [McpTool({|MCPGEN0002:"dup"|})] public static int Two() => 2;
                [McpTool] public static int {|MCPGEN0002:Same|}() => 2;
                [McpPrompt({|MCPGEN0002:"p"|})] public static string P2() => "";
                [McpResource({|MCPGEN0002:"test://r"|})] public static string R2() => "";
                [McpPrompt("dup")] public static string NotATool() => "";
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0003_names_outside_the_spec_rule()
    {
        string tooLong = new('a', 129), longest = new('a', 128);
        await Verify.VerifyAnalyzerAsync(Usings + $$"""
            public static class Tools
            {
                [McpTool({|MCPGEN0003:"get weather!"|})] public static int A() => 1;
                [McpPrompt({|MCPGEN0003:""|})] public static string B() => "";
                [McpTool({|MCPGEN0003:"{{tooLong}}"|})] public static int C() => 1;
                [McpTool("{{longest}}")] public static int D() => 1;
                [McpTool("get.weather-v2_ok")] public static int E() => 1;
                [McpTool] public static int {|MCPGEN0003:Grüße|}() => 1;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0004_async_void()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static async {|MCPGEN0004:void|} Fire() => await Task.Yield();
                [McpTool] public static async Task Fine() => await Task.Yield();
                [McpTool] public static void SyncVoidIsFine() { }
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0005_parameters_that_cannot_be_bound()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Holder { public Func<int>? Callback { get; set; } }
            public static class Tools
            {
                [McpTool] public static int A({|MCPGEN0005:Func<int>|} f) => 1;
                [McpTool] public static int B({|MCPGEN0005:Holder|} h) => 1;
                [McpPrompt] public static string C({|MCPGEN0005:int[]|} values) => "";
                [McpTool] public static int Fine(int[] values, Dictionary<string, int> map, DateTimeOffset when) => 1;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0005_names_the_path_and_the_escape_hatch()
    {
        var compilation = TestCompilation.Create(Usings + "public sealed class Holder { public Func<int>? Callback { get; set; } }\npublic static class Tools { [McpTool] public static int B(Holder h) => 1; }");
        var d = Assert.Single(await Verify.GetDiagnosticsAsync(compilation), d => d.Id == "MCPGEN0005");
        Assert.True(d.GetMessage().Contains("parameter 'h' of type 'Holder' cannot be bound (Holder.Callback: 'Func' is a delegate; McpGen binds classes, records and structs)", StringComparison.Ordinal), d.GetMessage());
        Assert.Contains("JsonSerializerContext", d.GetMessage());
    }

    [Fact]
    public async Task MCPGEN0006_return_types_that_cannot_be_written()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static {|MCPGEN0006:Func<int>|} A() => () => 1;
                [McpPrompt] public static {|MCPGEN0006:int|} B() => 1;
                [McpResource("test://x")] public static {|MCPGEN0006:Task<int>|} C() => Task.FromResult(1);
                [McpTool] public static Task<IReadOnlyList<int>> Fine() => Task.FromResult<IReadOnlyList<int>>([1]);
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0007_tools_and_prompts_without_a_description()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static int {|MCPGEN0007:Bare|}() => 1;
                [McpPrompt] public static string {|MCPGEN0007:BarePrompt|}() => "";
                /// <summary>Documented.</summary>
                [McpTool] public static int Summary() => 1;
                [McpTool, Description("Described.")] public static int Attribute() => 1;
                [McpTool(Description = "Named.")] public static int Named() => 1;
                [McpResource("test://r")] public static string ResourcesNeedNone() => "";
            }
            """);
    }

    [Fact]
    public async Task MCPGEN0008_arguments_without_a_description()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                /// <summary>Adds.</summary>
                /// <param name="a">The first.</param>
                [McpTool] public static int Add(int a, int {|MCPGEN0008:b|}, [Description("The third.")] int c, CancellationToken ct) => a + b + c;
                /// <summary>Reads.</summary>
                [McpResource("test://items/{id}")] public static string Item(string {|MCPGEN0008:id|}) => id;
            }
            """);
    }

    [Fact]
    public async Task MCPGEN0009_uri_templates()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Resources
            {
                [McpResource({|MCPGEN0009:"test://items/{id"|})] public static string Broken() => "";
                [McpResource({|MCPGEN0009:"test://items/{id}"|})] public static string Missing(string other) => "";
                [McpResource("test://things/{id}")] public static string Extra(string id, {|MCPGEN0009:string other|}) => "";
                [McpResource("test://users/{userId}/posts/{postId}")] public static string Fine(string userId, int postId) => "";
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0010_by_ref_pointer_and_ref_struct_parameters()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static int A({|MCPGEN0010:ref int x|}) => x;
                [McpTool] public static int B({|MCPGEN0010:out int x|}) { x = 1; return 1; }
                [McpTool] public static int C({|MCPGEN0010:in int x|}) => x;
                [McpTool] public static int D({|MCPGEN0010:Span<int> s|}) => s.Length;
                [McpTool] public static unsafe int E({|MCPGEN0010:int* p|}) => *p;
                [McpTool] public static int Fine(int x) => x;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0011_instance_methods_on_types_that_cannot_be_constructed()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public abstract class Abstract { [McpTool] public int {|MCPGEN0011:A|}() => 1; }
            public sealed class Private { private Private() { } [McpTool] public int {|MCPGEN0011:B|}() => 1; }
            public sealed class Fine(IServiceProvider services) { [McpTool] public int C() => services.GetHashCode(); }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0012_validation_attributes_on_the_wrong_type()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static int A([{|MCPGEN0012:Range(1, 5)|}] string s, [{|MCPGEN0012:RegularExpression("a+")|}] int n, [{|MCPGEN0012:MaxLength(3)|}] int m) => 1;
                [McpTool] public static int Fine([Range(1, 5)] int? n, [MaxLength(3)] string s, [MinLength(1)] List<int> items, [RegularExpression("a+")] string p, [Url] Uri u) => 1;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0013_repeated_special_parameters()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static int A(CancellationToken a, CancellationToken {|MCPGEN0013:b|}) => 1;
                [McpTool] public static int B(McpRequestContext a, McpRequestContext {|MCPGEN0013:b|}) => 1;
                [McpTool] public static int Fine(McpRequestContext context, CancellationToken ct) => 1;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0014_fixed_uri_with_arguments()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Resources
            {
                [McpResource("test://fixed")] public static string A({|MCPGEN0014:string id|}) => id;
                [McpResource("test://fixed2")] public static string Fine(CancellationToken ct) => "";
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0015_two_parameters_with_one_argument_name()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static int A(int userId, {|MCPGEN0015:int UserId|}) => 1;
                [McpTool] public static int B(int a_b, {|MCPGEN0015:int A_b|}) => 1;
                [McpTool] public static int Fine(int a, int b) => 1;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0016_a_scope_that_is_not_an_oauth_scope_token()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Tools
            {
                [McpTool(Scopes = {|MCPGEN0016:new[] { "orders:read", "orders write" }|})] public static int A() => 1;
                [McpPrompt(Scopes = {|MCPGEN0016:new[] { "" }|})] public static string B() => "";
                [McpResource("test://r", Scopes = {|MCPGEN0016:["quote\"d"]|})] public static string C() => "";
                [McpTool(Scopes = ["orders:read", "https://api.example.com/orders.write"])] public static int Fine() => 1;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0017_a_parameter_the_spec_forbids_mirroring_into_a_header()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed record Point(int X, int Y);
            public static class Tools
            {
                [McpTool] public static int Number({|MCPGEN0017:[McpHeader("Ratio")] double ratio|}) => 1;
                [McpTool] public static int Obj({|MCPGEN0017:[McpHeader("Where")] Point where|}) => 1;
                [McpTool] public static int Arr({|MCPGEN0017:[McpHeader("Tags")] string[] tags|}) => 1;
                [McpTool] public static int BadName({|MCPGEN0017:[McpHeader("Region Name")] string region|}) => 1;
                [McpTool] public static int Empty({|MCPGEN0017:[McpHeader("")] string region|}) => 1;
                [McpTool] public static int Twice([McpHeader("Region")] string a, {|MCPGEN0017:[McpHeader("region")] string b|}) => 1;
                [McpPrompt] public static string Prompt({|MCPGEN0017:[McpHeader("Who")] string who|}) => who;
                [McpTool] public static int Fine([McpHeader("Region")] string region, [McpHeader("Shard")] int shard, [McpHeader("Dry-Run")] bool dryRun, [McpHeader("Limit")] long? limit = null) => 1;
            }
            """, NoDocs);
    }

    [Fact]
    public async Task A_project_without_McpGen_gets_nothing()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Plain",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public static class T { private static async void M() { await System.Threading.Tasks.Task.Yield(); } }")],
            TestCompilation.References.Where(r => !(r.Display ?? "").EndsWith("McpGen.dll", StringComparison.Ordinal)),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(await Verify.GetDiagnosticsAsync(compilation));
    }
}
