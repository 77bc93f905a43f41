using McpGen.Protocol;
using System.Text.Json;
using McpGen.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace McpGen.Generators.Tests;

/// <summary>Regression tests for issue 16: where generated code disagreed with its schema, with C# or with the spec.</summary>
public sealed class CorrectnessFixture : IAsyncLifetime
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using McpGen;
        using System.Threading.Tasks;

        namespace Fix;

        public class Category
        {
            public required string Name { get; init; }
            public List<Category> Children { get; init; } = [];
            public string Note { get; init; } = "none";
            public int Level { get; set; } = 7;
        }

        public struct Window
        {
            public int Width { get; init; }
            public string Title { get; init; }
            public Window() { Width = 80; Title = "untitled"; }
        }

        public enum Color { Red, [JsonStringEnumMemberName("dark-blue")] DarkBlue }

        public sealed record Product(string Name, decimal Price);

        public class Brush
        {
            public Color Tint { get; init; } = Color.DarkBlue;
            public Fix.Color? Accent { get; set; } = Fix.Color.Red;
            public int Offset { get; init; } = -3;
            public double Scale { get; init; } = -0.5;
        }

        public sealed record Tagged(string Name, [property: JsonIgnore] string Internal = "fixed");

        // More members than McpMembers keeps inline (32): the rest are found through its heap slots.
        public sealed record Wide(int M0 = 0, int M1 = 1, int M2 = 2, int M3 = 3, int M4 = 4, int M5 = 5, int M6 = 6, int M7 = 7, int M8 = 8, int M9 = 9, int M10 = 10, int M11 = 11, int M12 = 12, int M13 = 13, int M14 = 14, int M15 = 15, int M16 = 16, int M17 = 17, int M18 = 18, int M19 = 19, int M20 = 20, int M21 = 21, int M22 = 22, int M23 = 23, int M24 = 24, int M25 = 25, int M26 = 26, int M27 = 27, int M28 = 28, int M29 = 29, int M30 = 30, int M31 = 31, int M32 = 32, int M33 = 33, int M34 = 34, int M35 = 35, int M36 = 36, int M37 = 37, int M38 = 38, int M39 = 39, string Last = "end");

        public sealed record Inner(int Depth, [property: Range(0, 9)] int Digit = 0);
        public sealed record Outer(string Name, List<Inner> Items, Inner? Extra = null);

        public static class Tools
        {
            [McpTool] public static string Tree(Category root) => $"{root.Name}:{root.Children.Count}:{root.Note}:{root.Level}";
            [McpTool] public static string Box(Window window) => $"{window.Width}:{window.Title}";
            [McpTool] public static string Wait(TimeSpan delay) => delay.Ticks.ToString();
            [McpTool] public static TimeSpan Span(long ticks) => TimeSpan.FromTicks(ticks);
            [McpTool] public static string Paint(Color tint = Color.DarkBlue) => tint.ToString();
            [McpTool] public static string Brushes(Brush brush) => $"{brush.Tint}/{brush.Accent}/{brush.Offset}/{brush.Scale}";
            [McpTool] public static ValueTask<Product?> Find(string name) => new(name == "none" ? null : new Product(name, 1.5m));
            [McpTool] public static string Tag(Tagged tagged) => tagged.Name + "/" + tagged.Internal;
            [McpTool] public static string Code([RegularExpression("[A-Z]{2}")] string code) => code;
            [McpTool] public static string Deploy(bool dryRun = false) => dryRun ? "dry" : "real";
            [McpTool] public static string Ping() => "pong";
            [McpTool] public static string Widest(Wide wide) => wide.M0 + "/" + wide.M31 + "/" + wide.M32 + "/" + wide.M39 + "/" + wide.Last;
            [McpTool] public static string Nest(Outer outer, int count = 1) => outer.Name + "/" + outer.Items.Count + "/" + (outer.Extra?.Digit ?? -1) + "/" + count;
            // Found by tests/node/suites/agreement.test.mjs (schema and binder disagreed):
            [McpTool] public static string Narrow([Range(10, 1000)] byte b, [Range(-5000, 5)] sbyte s) => b + "/" + s;
            [McpTool] public static string Sizes(float f = 0, decimal d = 0, double x = 0) => f + "/" + d + "/" + x;
            [McpTool] public static string When(DateTimeOffset at) => at.UtcTicks.ToString();
            [McpTool] public static string Ids(Guid id) => id.ToString();
            [McpTool] public static string Link(Uri uri) => uri.OriginalString;
            [McpTool] public static string Digits([RegularExpression(@"\d+")] string digits) => digits;
        }
        """;

    public GeneratedAssembly Assembly { get; private set; } = null!;
    public InMemoryClient Client { get; private set; } = null!;
    public Dictionary<string, JsonElement> Tools { get; private set; } = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Assembly = GeneratedAssembly.Build(new McpServerGenerator(), Source);
        _services = new ServiceCollection().BuildServiceProvider();
        var options = new McpServerOptions();
        options.Add(Assembly.Registry());
        Client = new InMemoryClient(new McpServer(options, _services));
        await Client.InitializeAsync();
        Tools = (await Client.ResultAsync("tools/list")).GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.Clone());
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _services.DisposeAsync();
    }
}

public class CorrectnessTests(CorrectnessFixture fixture) : IClassFixture<CorrectnessFixture>
{
    private InMemoryClient Client => fixture.Client;

    private JsonElement Property(string tool, string name) => fixture.Tools[tool].GetProperty("inputSchema").GetProperty("properties").GetProperty(name);

    private async Task<string> Text(string tool, object arguments)
    {
        var result = await Client.ResultAsync("tools/call", new { name = tool, arguments });
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetRawText());
        return result.GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    /// <summary>The message of a rejected argument: a tool execution error (isError), never a protocol error (SEP-1303).</summary>
    private async Task<string> Rejected(string tool, object arguments)
    {
        var response = await Client.RequestAsync("tools/call", new { name = tool, arguments });
        Assert.False(response.TryGetProperty("error", out _), "expected a tool error result: " + response.GetRawText());
        var result = response.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean(), response.GetRawText());
        return result.GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    [Fact] // item 1
    public async Task Omitted_members_keep_their_initializers_when_the_type_has_a_required_member()
    {
        Assert.Equal("a:0:none:7", await Text("tree", new { root = new { name = "a" } }));
        Assert.Equal("a:1:n:2", await Text("tree", new { root = new { name = "a", children = new[] { new { name = "b" } }, note = "n", level = 2 } }));
        Assert.Equal("80:untitled", await Text("box", new { window = new { } })); // a struct's init-only members too
        Assert.Equal("100:untitled", await Text("box", new { window = new { width = 100 } }));
    }

    [Fact] // items 2 and 9
    public async Task TimeSpan_schema_and_binder_speak_one_language()
    {
        var schema = Property("wait", "delay");
        Assert.False(schema.TryGetProperty("format", out _)); // format: duration allows years and months
        var pattern = new System.Text.RegularExpressions.Regex(schema.GetProperty("pattern").GetString()!);
        Assert.Equal(McpGen.Binding.IsoDuration.Pattern, schema.GetProperty("pattern").GetString());
        foreach (var ok in new[] { "PT1H30M", "P2DT0.5S", "P2W", "-PT1S", "PT0S", "P1DT2H3M4.1234567S" })
        {
            Assert.Matches(pattern, ok);
            await Text("wait", new { delay = ok });
        }
        foreach (var bad in new[] { "P1Y2M", "P1M", "01:00:00", "P", "PT", "P1DT", "P2W1D", "PT1.5H", "+PT1S", "PT0.12345678S" })
        {
            Assert.DoesNotMatch(pattern, bad);
            Assert.Contains("'delay'", await Rejected("wait", new { delay = bad }));
        }
        Assert.Equal((TimeSpan.FromHours(1) + TimeSpan.FromMinutes(30)).Ticks.ToString(), await Text("wait", new { delay = "PT1H30M" }));
        // What the writer produces is in the language too.
        foreach (long ticks in new[] { 0L, 1L, TimeSpan.TicksPerDay * 3 + 5, -TimeSpan.TicksPerHour, TimeSpan.MaxValue.Ticks })
        {
            string written = await Text("span", new { ticks }); // a string value's text is the string
            Assert.Matches(pattern, written);
            Assert.Equal(ticks.ToString(), await Text("wait", new { delay = written }));
        }
    }

    [Fact] // item 3
    public void Enum_defaults_are_in_the_schema_by_their_JSON_name()
    {
        Assert.Equal("dark-blue", Property("paint", "tint").GetProperty("default").GetString());
    }

    [Fact] // agreement: enum-member and negative initializers are defaults too, and the binder keeps them when absent
    public async Task Enum_member_and_negative_initializers_are_schema_defaults()
    {
        var brush = Property("brushes", "brush");
        if (brush.TryGetProperty("$ref", out var reference))
            brush = fixture.Tools["brushes"].GetProperty("inputSchema").GetProperty("$defs").GetProperty(reference.GetString()!.Split('/').Last());
        var properties = brush.GetProperty("properties");
        Assert.Equal("dark-blue", properties.GetProperty("tint").GetProperty("default").GetString());
        Assert.Equal("Red", properties.GetProperty("accent").GetProperty("default").GetString());
        Assert.Equal(-3, properties.GetProperty("offset").GetProperty("default").GetInt32());
        Assert.Equal(-0.5, properties.GetProperty("scale").GetProperty("default").GetDouble());
        Assert.Equal("DarkBlue/Red/-3/-0.5", await Text("brushes", new { brush = new { } }));
    }

    [Fact] // item 4
    public async Task A_nullable_structured_return_that_is_null_is_an_ordinary_result()
    {
        Assert.False(fixture.Tools["find"].TryGetProperty("outputSchema", out _)); // an output schema must be an object
        var none = await Client.ResultAsync("tools/call", new { name = "find", arguments = new { name = "none" } });
        Assert.False(none.TryGetProperty("isError", out var isError) && isError.GetBoolean(), none.GetRawText());
        Assert.Equal("null", none.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(none.TryGetProperty("structuredContent", out _));
        var some = await Client.ResultAsync("tools/call", new { name = "find", arguments = new { name = "pen" } });
        Assert.Equal("pen", some.GetProperty("structuredContent").GetProperty("name").GetString());
    }

    [Fact] // item 6
    public async Task A_positional_parameter_of_an_ignored_property_gets_its_default()
    {
        Assert.Equal("x/fixed", await Text("tag", new { tagged = new { name = "x" } }));
        Assert.False(Property("tag", "tagged").GetProperty("properties").TryGetProperty("internal", out _));
    }

    [Fact] // item 8
    public async Task RegularExpression_is_anchored_in_the_schema_as_in_the_binder()
    {
        string pattern = Property("code", "code").GetProperty("pattern").GetString()!;
        Assert.Equal("^(?:[A-Z]{2})$", pattern);
        Assert.DoesNotMatch(pattern, "xDEx");
        Assert.Contains("'code'", await Rejected("code", new { code = "xDEx" }));
        Assert.Equal("DE", await Text("code", new { code = "DE" }));
    }

    [Fact] // agreement: a [Range] wider than the integer type is cut to the type in the schema, as the binder reads it
    public async Task Range_beyond_an_integer_type_is_cut_to_the_type()
    {
        Assert.Equal(255, Property("narrow", "b").GetProperty("maximum").GetInt32());
        Assert.Equal(10, Property("narrow", "b").GetProperty("minimum").GetInt32());
        Assert.Equal(-128, Property("narrow", "s").GetProperty("minimum").GetInt32());
        Assert.Contains("'b'", await Rejected("narrow", new { b = 256, s = 0 }));
        Assert.Equal("255/-128", await Text("narrow", new { b = 255, s = -128 }));
    }

    [Fact] // agreement: float and decimal state their range (the binder refuses numbers beyond it); double has none
    public async Task Float_and_decimal_schemas_state_their_range()
    {
        Assert.Equal(float.MaxValue, Property("sizes", "f").GetProperty("maximum").GetDouble());
        Assert.Equal(-(double)float.MaxValue, Property("sizes", "f").GetProperty("minimum").GetDouble());
        Assert.Equal(decimal.MaxValue, Property("sizes", "d").GetProperty("maximum").GetDecimal());
        Assert.Equal(decimal.MinValue, Property("sizes", "d").GetProperty("minimum").GetDecimal());
        Assert.False(Property("sizes", "x").TryGetProperty("maximum", out _));
        Assert.Contains("'f'", await Rejected("sizes", new { f = 1e300 }));
        Assert.Contains("'d'", await Rejected("sizes", new { d = 1e300 }));
    }

    [Fact] // agreement: RFC 3339 allows a lower-case t and z (format: date-time accepts them)
    public async Task Date_times_with_a_lower_case_t_and_z_bind()
    {
        string expected = new DateTimeOffset(2025, 11, 25, 10, 30, 0, TimeSpan.Zero).UtcTicks.ToString();
        Assert.Equal(expected, await Text("when", new { at = "2025-11-25t10:30:00z" }));
        Assert.Equal(expected, await Text("when", new { at = "2025-11-25t11:30:00+01:00" }));
        Assert.Contains("'at'", await Rejected("when", new { at = "2025-11-25 10:30:00Z" }));
    }

    [Fact] // agreement: format: uuid is the 8-4-4-4-12 form only; format: uri needs a scheme and URI characters
    public async Task Uuids_and_uris_bind_only_as_their_formats_spell_them()
    {
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", await Text("ids", new { id = "3F2504E0-4F89-11D3-9A0C-0305E82C3301" }));
        foreach (var bad in new[] { "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3f2504e04f8911d39a0c0305e82c3301", " 3f2504e0-4f89-11d3-9a0c-0305e82c3301" })
            Assert.Contains("'id'", await Rejected("ids", new { id = bad }));
        foreach (var ok in new[] { "urn:isbn:0451450523", "http://example.com/a%20b", "x-custom:a" })
            Assert.Equal(ok, await Text("link", new { uri = ok }));
        foreach (var bad in new[] { "/tmp/x", " http://example.com/", "http://example.com/a b", "http://exämple.com/" })
            Assert.Contains("'uri'", await Rejected("link", new { uri = bad }));
    }

    [Fact] // agreement: [RegularExpression] matches the whole value; .NET's $ also matched before a final newline
    public async Task RegularExpression_does_not_match_before_a_final_newline()
    {
        Assert.Contains("'digits'", await Rejected("digits", new { digits = "12\n" }));
        Assert.Equal("12", await Text("digits", new { digits = "12" }));
    }

    [Fact] // item 10
    public async Task Unknown_arguments_are_named_with_the_closest_known_name()
    {
        Assert.Equal("real", await Text("deploy", new { }));
        string message = await Rejected("deploy", new { dryrun = true });
        Assert.Contains("'dryrun'", message);
        Assert.Contains("did you mean 'dryRun'?", message);
        Assert.Contains("'root.nmae'", await Rejected("tree", new { root = new { name = "a", nmae = "b" } })); // nested too
        Assert.Contains("did you mean 'name'?", await Rejected("tree", new { root = new { name = "a", nmae = "b" } }));
        Assert.Contains("'extra'", await Rejected("ping", new { extra = 1 })); // a tool without parameters
        Assert.Equal("pong", await Text("ping", new { }));
        foreach (var (name, tool) in fixture.Tools)
            Assert.False(tool.GetProperty("inputSchema").GetProperty("additionalProperties").GetBoolean(), name);
        // Category is recursive, so it lives in $defs.
        Assert.False(fixture.Tools["tree"].GetProperty("inputSchema").GetProperty("$defs").GetProperty("Category").GetProperty("additionalProperties").GetBoolean());
    }

    [Fact] // item 10: the opt-out
    public async Task AllowUnknownArguments_ignores_them_and_says_so_in_the_schema()
    {
        var lax = GeneratedAssembly.Build(new McpServerGenerator(), CorrectnessFixture.Source, "[assembly: McpGen.McpGenOptions(AllowUnknownArguments = true)]");
        var options = new McpServerOptions();
        options.Add(lax.Registry());
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var client = new InMemoryClient(new McpServer(options, services));
        await client.InitializeAsync();
        var result = await client.ResultAsync("tools/call", new { name = "deploy", arguments = new { dryrun = true } });
        Assert.Equal("real", result.GetProperty("content")[0].GetProperty("text").GetString());
        var tools = (await client.ResultAsync("tools/list")).GetProperty("tools").EnumerateArray();
        Assert.All(tools, t => Assert.False(t.GetProperty("inputSchema").TryGetProperty("additionalProperties", out _)));
    }

    [Fact] // item 11: objects are read by finding their members first (McpMembers), inline up to 32, then on the heap
    public async Task A_record_with_more_members_than_the_inline_slots_binds_every_member()
    {
        Assert.Equal("0/31/32/39/end", await Text("widest", new { wide = new { } }));
        Assert.Equal("5/-1/77/9/x", await Text("widest", new { wide = new { m0 = 5, m31 = -1, m32 = 77, m39 = 9, last = "x" } }));
        Assert.Equal("Invalid argument 'wide.m39': expected an integer, got a string.", await Rejected("widest", new { wide = new { m39 = "nine" } }));
        Assert.Equal("Invalid argument 'wide.lsat': is not a known property: did you mean 'last'?", await Rejected("widest", new { wide = new { lsat = "x" } }));
    }

    [Fact] // item 11: the member being read names the failure, at any depth, whatever the order of the JSON
    public async Task Failures_name_the_member_being_read_at_any_depth()
    {
        Assert.Equal("a/2/3/1", await Text("nest", new { outer = new { extra = new { depth = 1, digit = 3 }, items = new[] { new { depth = 1 }, new { depth = 2 } }, name = "a" } }));
        Assert.Equal("Invalid argument 'outer.items[1].digit': 12 is outside the allowed range 0 to 9.",
            await Rejected("nest", new { outer = new { name = "a", items = new object[] { new { depth = 1 }, new { depth = 2, digit = 12 } } } }));
        Assert.Equal("Invalid argument 'outer.extra.depth': is required but missing.", await Rejected("nest", new { outer = new { name = "a", items = Array.Empty<object>(), extra = new { digit = 1 } } }));
        Assert.Equal("Invalid argument 'outer.name': is required but missing.", await Rejected("nest", new { count = 2, outer = new { items = Array.Empty<object>() } }));
        Assert.Equal("Invalid argument 'count': expected an integer, got a string.", await Rejected("nest", new { outer = new { name = "a", items = Array.Empty<object>() }, count = "2" }));
        // A member given twice keeps its last value, as System.Text.Json does.
        var response = await Client.ResultAsync("tools/call", JsonDocument.Parse("""{"name":"nest","arguments":{"outer":{"name":"first","name":"last","items":[]},"count":1,"count":4}}""").RootElement);
        Assert.Equal("last/0/-1/4", response.GetProperty("content")[0].GetProperty("text").GetString());
    }
}

/// <summary>[McpHeader] puts x-mcp-header on exactly the annotated property of the generated input schema.</summary>
public class HeaderParameterSchemaTests
{
    [Fact]
    public void The_annotation_lands_in_the_schema_and_the_runtime_finds_it()
    {
        var assembly = McpGen.Testing.GeneratedAssembly.Build(new McpGen.Generators.McpServerGenerator(), """
            using McpGen;
            namespace App;
            public static class Tools
            {
                /// <summary>Runs a query.</summary>
                /// <param name="region">Where.</param>
                /// <param name="query">What.</param>
                /// <param name="shard">Which shard.</param>
                [McpTool] public static string Run([McpHeader("Region")] string region, string query, [McpHeader("Shard")] int shard = 0) => region + query + shard;
            }
            """);
        var tool = assembly.Registry().Tools.Single();
        using var schema = System.Text.Json.JsonDocument.Parse(tool.InputSchema.ToArray());
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("Region", properties.GetProperty("region").GetProperty("x-mcp-header").GetString());
        Assert.Equal("Shard", properties.GetProperty("shard").GetProperty("x-mcp-header").GetString());
        Assert.False(properties.GetProperty("query").TryGetProperty("x-mcp-header", out _));
        Assert.Equal(["region:string:Mcp-Param-Region", "shard:integer:Mcp-Param-Shard"],
            tool.HeaderParameters.Select(h => $"{string.Join('.', h.Path)}:{h.Type}:{h.HeaderName}"));
    }
}

/// <summary>
/// A tool's definition is one string literal kept as UTF-8; InputSchema and OutputSchema are slices of it by UTF-8 byte
/// offsets the generator computed, so text beyond ASCII before or inside a schema must not shift them.
/// </summary>
public class DefinitionSliceTests
{
    [Fact]
    public void Schemas_are_exact_slices_of_the_definition_when_descriptions_are_not_ascii()
    {
        var assembly = McpGen.Testing.GeneratedAssembly.Build(new McpGen.Generators.McpServerGenerator(), """
            using McpGen;
            namespace App;
            /// <summary>Ein Maß für Größe — 📏 «mesure».</summary>
            /// <param name="Länge">Länge in µm, 长度.</param>
            public sealed record Messung(double Länge);
            public static class Tools
            {
                /// <summary>Misst: 😀 ünd “Zitate”.</summary>
                /// <param name="name">Naïve name, 名前.</param>
                [McpTool(Title = "Größe 📐")] public static Messung Measure(string name) => new(name.Length);
            }
            """);
        var tool = assembly.Registry().Tools.Single();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) tool.WriteDefinition(writer);
        using var definition = System.Text.Json.JsonDocument.Parse(buffer.WrittenMemory);
        using var input = System.Text.Json.JsonDocument.Parse(tool.InputSchema.ToArray());
        using var output = System.Text.Json.JsonDocument.Parse(tool.OutputSchema.ToArray());
        Assert.Equal(definition.RootElement.GetProperty("inputSchema").GetRawText(), input.RootElement.GetRawText());
        Assert.Equal(definition.RootElement.GetProperty("outputSchema").GetRawText(), output.RootElement.GetRawText());
        Assert.Equal("Misst: 😀 ünd “Zitate”.", definition.RootElement.GetProperty("description").GetString());
        Assert.Equal("Naïve name, 名前.", input.RootElement.GetProperty("properties").GetProperty("name").GetProperty("description").GetString());
        Assert.Equal("Länge in µm, 长度.", output.RootElement.GetProperty("properties").GetProperty("länge").GetProperty("description").GetString());
    }
}

/// <summary>The registry exists before the first valid primitive does (issue: a newcomer's first hour).</summary>
public class EmptyRegistryTests
{
    [Fact]
    public void A_project_whose_only_tool_is_invalid_still_has_an_empty_registry()
    {
        var assembly = McpGen.Testing.GeneratedAssembly.Build(new McpGen.Generators.McpServerGenerator(), """
            using McpGen;
            namespace App;
            public static class Tools
            {
                [McpTool("not a valid name")] public static int Broken() => 1; // MCPGEN0003 in the IDE; left out here
            }
            public static class Program
            {
                public static McpRegistry Registry => McpGen.Generated.GeneratedMcpRegistry.Instance; // compiles: no CS0234
            }
            """);
        var registry = assembly.Registry();
        Assert.Empty(registry.Tools);
        Assert.Empty(registry.Prompts);
        Assert.Empty(registry.Resources);
        Assert.Empty(registry.ResourceTemplates);
    }
}

/// <summary>[McpResource(CacheTtlMs, CacheScope)] gives a generated resource its own caching hint (revision 2026-07-28).</summary>
public class ResourceCacheHintTests
{
    [Fact]
    public void Generated_resources_carry_the_declared_hint_and_scoped_ones_default_to_private()
    {
        var assembly = McpGen.Testing.GeneratedAssembly.Build(new McpGen.Generators.McpServerGenerator(), """
            using McpGen;
            using McpGen.Protocol;
            namespace App;
            public static class Docs
            {
                /// <summary>Read me.</summary>
                [McpResource("docs://readme", CacheTtlMs = 60000)] public static string Readme() => "# hi";
                /// <summary>Secret.</summary>
                [McpResource("docs://secret", CacheTtlMs = 5000, Scopes = ["docs:read"])] public static string Secret() => "s";
                /// <summary>Shared although scoped.</summary>
                [McpResource("docs://shared", CacheTtlMs = 0, CacheScope = McpCacheScope.Public, Scopes = ["docs:read"])] public static string Shared() => "s";
                /// <summary>No hint.</summary>
                [McpResource("docs://plain")] public static string Plain() => "p";
                /// <summary>A template.</summary>
                [McpResource("docs://pages/{id}", CacheTtlMs = 1000)] public static string Page(string id) => id;
            }
            """);
        var registry = assembly.Registry();
        McpCacheHint? HintOf(string uri) => registry.Resources.Single(r => r.Uri == uri).CacheHint;
        Assert.Equal(new McpCacheHint(60000, McpCacheScope.Public), HintOf("docs://readme"));
        Assert.Equal(new McpCacheHint(5000, McpCacheScope.Private), HintOf("docs://secret"));
        Assert.Equal(new McpCacheHint(0, McpCacheScope.Public), HintOf("docs://shared"));
        Assert.Null(HintOf("docs://plain"));
        Assert.Equal(new McpCacheHint(1000, McpCacheScope.Public), registry.ResourceTemplates.Single().CacheHint);
    }

}

/// <summary>
/// Descriptions come from doc comments whether or not the project parses documentation (csc parses it only with
/// GenerateDocumentationFile; without it a doc comment is an ordinary comment, read from the trivia).
/// </summary>
public class DocCommentModeTests
{
    private const string Source = """
        using McpGen;
        namespace App;
        /// <summary>A point.</summary>
        /// <param name="X">Across.</param>
        public sealed record Point(int X, int Y);
        public sealed class Box
        {
            /** <summary>How wide.</summary> */
            public int Width { get; set; }
            // An ordinary comment is not a description.
            public int Height { get; set; }
        }
        public static class Tools
        {
            /// <summary>Moves a point.</summary>
            /// <param name="to">Where to.</param>
            [McpTool] public static string Move(Point to, Box box) => "";
            [McpTool] public static string Bare(int n) => "";
        }
        """;

    [Theory]
    [InlineData(Microsoft.CodeAnalysis.DocumentationMode.Parse)]
    [InlineData(Microsoft.CodeAnalysis.DocumentationMode.None)]
    [InlineData(Microsoft.CodeAnalysis.DocumentationMode.Diagnose)]
    public void Descriptions_come_from_doc_comments_in_every_documentation_mode(Microsoft.CodeAnalysis.DocumentationMode mode)
    {
        var options = McpGen.Testing.TestCompilation.ParseOptions.WithDocumentationMode(mode);
        var compilation = McpGen.Testing.TestCompilation.Create("DocModes", [Source], options);
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create([Microsoft.CodeAnalysis.GeneratorExtensions.AsSourceGenerator(new McpServerGenerator())], parseOptions: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        string all = string.Join("\n", output.SyntaxTrees.Skip(1).Select(t => t.ToString()));
        Assert.Contains("\\\"description\\\":\\\"Moves a point.\\\"", all);
        Assert.Contains("\\\"description\\\":\\\"Where to.\\\"", all);
        Assert.Contains("\\\"description\\\":\\\"Across.\\\"", all);
        Assert.Contains("\\\"description\\\":\\\"How wide.\\\"", all);
        Assert.DoesNotContain("ordinary comment", all);
        Assert.DoesNotContain("\\\"name\\\":\\\"bare\\\",\\\"description\\\"", all);
    }
}
