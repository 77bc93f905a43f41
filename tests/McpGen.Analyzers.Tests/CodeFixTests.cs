using McpGen.Analyzers.CodeFixes;
using McpGen.Testing;

namespace McpGen.Analyzers.Tests;

/// <summary>Each code fix: the single fix, then Fix All over several diagnostics; the result must compile.</summary>
public class CodeFixTests
{
    private const string Usings = "using System.ComponentModel; using System.Threading.Tasks; using McpGen;\n";
    private static readonly string[] NoDocs = [DiagnosticIds.MissingDescription, DiagnosticIds.MissingParameterDescription];

    [Fact]
    public async Task MCPGEN0004_async_void_becomes_async_Task()
    {
        await CodeFixVerifier<McpPrimitiveAnalyzer, AsyncVoidCodeFix>.VerifyCodeFixAsync(Usings + """
            public static class Tools
            {
                [McpTool] public static async {|MCPGEN0004:void|} Fire() => await Task.Yield();
            }
            """, Usings + """
            public static class Tools
            {
                [McpTool] public static async Task Fire() => await Task.Yield();
            }
            """, NoDocs);
    }

    [Fact]
    public async Task MCPGEN0004_fix_all()
    {
        await CodeFixVerifier<McpPrimitiveAnalyzer, AsyncVoidCodeFix>.VerifyFixAllAsync("using McpGen;\n" + """
            public static class Tools
            {
                [McpTool] public static async void A() => await System.Threading.Tasks.Task.Yield();
                [McpTool] public static async void B() => await System.Threading.Tasks.Task.Yield();
            }
            """, "using McpGen;\n" + """
            public static class Tools
            {
                [McpTool] public static async System.Threading.Tasks.Task A() => await System.Threading.Tasks.Task.Yield();
                [McpTool] public static async System.Threading.Tasks.Task B() => await System.Threading.Tasks.Task.Yield();
            }
            """);
    }

    [Fact]
    public async Task MCPGEN0001_private_becomes_internal_and_fix_all()
    {
        await CodeFixVerifier<McpPrimitiveAnalyzer, MakeInternalCodeFix>.VerifyCodeFixAsync(Usings + """
            public static class Tools
            {
                [McpTool] private static int {|MCPGEN0001:Hidden|}() => 1;
                [McpTool] public static int {|MCPGEN0001:Generic|}<T>() => 1;
                public static int Use() => Hidden();
            }
            """, Usings + """
            public static class Tools
            {
                [McpTool] internal static int Hidden() => 1;
                [McpTool] public static int Generic<T>() => 1;
                public static int Use() => Hidden();
            }
            """, NoDocs);
        await CodeFixVerifier<McpPrimitiveAnalyzer, MakeInternalCodeFix>.VerifyFixAllAsync(Usings + """
            public class Tools
            {
                [McpTool] private static int A() => 1;
                [McpTool]
                protected static int B() => 1;
                public static int Use() => A() + B();
            }
            """, Usings + """
            public class Tools
            {
                [McpTool] internal static int A() => 1;
                [McpTool]
                internal static int B() => 1;
                public static int Use() => A() + B();
            }
            """);
    }

    [Fact]
    public async Task MCPGEN0003_invalid_names_become_snake_case()
    {
        await CodeFixVerifier<McpPrimitiveAnalyzer, RenameCodeFix>.VerifyCodeFixAsync(Usings + """
            public static class Tools
            {
                [McpTool({|MCPGEN0003:"Get Weather!"|})] public static int A() => 1;
                [McpTool] public static int {|MCPGEN0003:Grüße|}() => 1;
            }
            """, Usings + """
            public static class Tools
            {
                [McpTool("get_weather")] public static int A() => 1;
                [McpTool("gr_e")] public static int Grüße() => 1;
            }
            """, NoDocs);
        await CodeFixVerifier<McpPrimitiveAnalyzer, RenameCodeFix>.VerifyFixAllAsync(Usings + """
            public static class Tools
            {
                [McpTool("a b")] public static int A() => 1;
                [McpPrompt("Summarize Text")] public static string B() => "";
            }
            """, Usings + """
            public static class Tools
            {
                [McpTool("a_b")] public static int A() => 1;
                [McpPrompt("summarize_text")] public static string B() => "";
            }
            """);
    }

    [Fact]
    public async Task MCPGEN0002_a_later_duplicate_is_renamed_and_fix_all_keeps_names_unique()
    {
        await CodeFixVerifier<McpPrimitiveAnalyzer, RenameCodeFix>.VerifyCodeFixAsync(Usings + """
            public static class Tools
            {
                [McpTool("dup")] public static int A() => 1;
                [McpTool({|MCPGEN0002:"dup"|})] public static int B() => 1;
                [McpTool] public static int Same() => 1;
            }
            public static class More { [McpTool] public static int {|MCPGEN0002:Same|}() => 1; }
            """, Usings + """
            public static class Tools
            {
                [McpTool("dup")] public static int A() => 1;
                [McpTool("dup_2")] public static int B() => 1;
                [McpTool] public static int Same() => 1;
            }
            public static class More { [McpTool("same_2")] public static int Same() => 1; }
            """, NoDocs);
        await CodeFixVerifier<McpPrimitiveAnalyzer, RenameCodeFix>.VerifyFixAllAsync(Usings + """
            public static class Tools
            {
                [McpTool("x")] public static int A() => 1;
                [McpTool("x")] public static int B() => 1;
                [McpTool("x")] public static int C() => 1;
                [McpTool("x_2")] public static int D() => 1;
            }
            """, Usings + """
            public static class Tools
            {
                [McpTool("x")] public static int A() => 1;
                [McpTool("x_3")] public static int B() => 1;
                [McpTool("x_4")] public static int C() => 1;
                [McpTool("x_2")] public static int D() => 1;
            }
            """);
    }

    [Fact]
    public async Task MCPGEN0007_and_0008_add_documentation_stubs()
    {
        await CodeFixVerifier<McpPrimitiveAnalyzer, AddDocumentationCodeFix>.VerifyCodeFixAsync(Usings + """
            public static class Tools
            {
                [McpTool]
                public static int {|MCPGEN0007:GetForecastAsync|}(string {|MCPGEN0008:cityName|}) => 1;

                /// <summary>Adds.</summary>
                /// <param name="a">The first.</param>
                [McpTool] public static int Add(int a, int {|MCPGEN0008:b|}) => a + b;
            }
            """, Usings + """
            public static class Tools
            {
                /// <summary>Get forecast.</summary>
                /// <param name="cityName">The city name.</param>
                [McpTool]
                public static int GetForecastAsync(string cityName) => 1;

                /// <summary>Adds.</summary>
                /// <param name="a">The first.</param>
                /// <param name="b">The b.</param>
                [McpTool] public static int Add(int a, int b) => a + b;
            }
            """);
    }

    [Fact]
    public async Task MCPGEN0007_and_0008_fix_all_adds_every_stub_in_parameter_order()
    {
        await CodeFixVerifier<McpPrimitiveAnalyzer, AddDocumentationCodeFix>.VerifyFixAllAsync(Usings + """
            public static class Tools
            {
                /// <param name="b">Documented.</param>
                [McpTool] public static int Add(int a, int b, int c) => a + b + c;

                [McpPrompt] public static string Review(string codeText, string language_name) => "";
            }
            """, Usings + """
            public static class Tools
            {
                /// <summary>Add.</summary>
                /// <param name="b">Documented.</param>
                /// <param name="a">The a.</param>
                /// <param name="c">The c.</param>
                [McpTool] public static int Add(int a, int b, int c) => a + b + c;

                /// <summary>Review.</summary>
                /// <param name="codeText">The code text.</param>
                /// <param name="language_name">The language name.</param>
                [McpPrompt] public static string Review(string codeText, string language_name) => "";
            }
            """);
    }
}
