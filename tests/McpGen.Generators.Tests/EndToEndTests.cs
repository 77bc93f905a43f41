using System.Text.Json;
using McpGen.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace McpGen.Generators.Tests;

/// <summary>Compiles <see cref="Sources.Everything"/> with the generator, loads it, and calls every primitive through the real runtime.</summary>
public sealed class EverythingFixture : IAsyncLifetime
{
    public GeneratedAssembly Assembly { get; private set; } = null!;
    public InMemoryClient Client { get; private set; } = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Assembly = GeneratedAssembly.Build(new McpServerGenerator(), Sources.Everything);
        var clockType = Assembly.Assembly.GetType("Shop.FixedClock")!;
        var services = new ServiceCollection();
        services.AddSingleton(Assembly.Assembly.GetType("Shop.IClock")!, clockType);
        _services = services.BuildServiceProvider();
        var options = new McpServerOptions();
        options.Add(Assembly.Registry());
        Client = new InMemoryClient(new McpServer(options, _services));
        await Client.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _services.DisposeAsync();
    }
}

public class EndToEndTests(EverythingFixture fixture) : IClassFixture<EverythingFixture>
{
    private InMemoryClient Client => fixture.Client;

    private async Task<JsonElement> Call(string tool, object arguments) => await Client.ResultAsync("tools/call", new { name = tool, arguments });

    /// <summary>
    /// Calls a tool with arguments that do not bind and returns the binder's message: a tool execution error
    /// (<c>isError</c>) the model can read, not a protocol error (SEP-1303).
    /// </summary>
    private async Task<string> CallInvalid(string tool, object arguments)
    {
        var response = await Client.RequestAsync("tools/call", new { name = tool, arguments });
        return InvalidArgumentMessage(response);
    }

    private static string InvalidArgumentMessage(JsonElement response)
    {
        Assert.False(response.TryGetProperty("error", out _), "expected a tool error result, got a protocol error: " + response.GetRawText());
        var result = response.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean(), "expected isError: " + response.GetRawText());
        return Text(result);
    }

    private static string Text(JsonElement result) => result.GetProperty("content")[0].GetProperty("text").GetString()!;

    [Fact]
    public async Task Lists_every_primitive()
    {
        var tools = (await Client.ResultAsync("tools/list")).GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["add", "blocks", "collections", "configure", "custom.name-1", "fails", "full", "nothing", "now", "numbers", "optional", "place_order", "primitives", "slow", "today", "tree", "validated"], tools.Order(StringComparer.Ordinal));
        var prompts = (await Client.ResultAsync("prompts/list")).GetProperty("prompts").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["conversation", "full", "greet"], prompts.Order(StringComparer.Ordinal));
        var resources = (await Client.ResultAsync("resources/list")).GetProperty("resources");
        Assert.Equal(2, resources.GetArrayLength());
        var templates = (await Client.ResultAsync("resources/templates/list")).GetProperty("resourceTemplates");
        Assert.Equal(["files://{+path}", "orders://{id}/lines/{line}"], templates.EnumerateArray().Select(t => t.GetProperty("uriTemplate").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tool_definition_has_descriptions_hints_and_title()
    {
        var tools = (await Client.ResultAsync("tools/list")).GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var add = tools["add"];
        Assert.Equal("Adds two integers.", add.GetProperty("description").GetString());
        Assert.Equal("The first number.", add.GetProperty("inputSchema").GetProperty("properties").GetProperty("a").GetProperty("description").GetString());
        Assert.True(add.GetProperty("annotations").GetProperty("readOnlyHint").GetBoolean());
        Assert.True(add.GetProperty("annotations").GetProperty("idempotentHint").GetBoolean());
        Assert.False(add.GetProperty("annotations").TryGetProperty("destructiveHint", out _));
        Assert.Equal("Place an order", tools["place_order"].GetProperty("title").GetString());
        Assert.False(tools["place_order"].GetProperty("annotations").GetProperty("destructiveHint").GetBoolean());
        Assert.False(tools["nothing"].TryGetProperty("annotations", out _));
        Assert.Equal("Described by attribute.", tools["custom.name-1"].GetProperty("inputSchema").GetProperty("properties").GetProperty("value").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Binds_and_returns_a_primitive()
    {
        Assert.Equal("42", Text(await Call("add", new { a = 40, b = 2 })));
        Assert.Equal("3", Text(await Call("add", new { b = 2.0, a = 1 }))); // 2.0 is an integer, as JSON Schema says
    }

    [Fact]
    public async Task Binds_every_primitive_type()
    {
        var result = await Call("primitives", new
        {
            flag = true, i8 = -8, u8 = 8, i16 = -16, u16 = 16, i32 = -32, u32 = 32, i64 = -64, u64 = 18446744073709551615UL,
            f32 = 1.5, f64 = 2.25, dec = 3.125, ch = "x", text = "héllo", id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            when = "2025-11-25T10:30:00Z", whenOffset = "2025-11-25T10:30:00+02:00", day = "2025-11-25", time = "10:30:15", span = "P1DT2H3M4.5S",
            link = "https://example.com/a?b=c", data = "AQID", any = new { x = new[] { 1, 2 } }, node = new { y = "z" },
        });
        Assert.Equal("True|-8|8|-16|16|-32|32|-64|18446744073709551615|1.5|2.25|3.125|x|héllo|3f2504e0-4f89-11d3-9a0c-0305e82c3301|2025-11-25T10:30:00.0000000Z|2025-11-25T10:30:00.0000000+02:00|2025-11-25|10:30:15.0000000|1.02:03:04.5000000|https://example.com/a?b=c|AQID|{\"x\":[1,2]}|{\"y\":\"z\"}", Text(result));
    }

    [Fact]
    public async Task Optional_arguments_get_their_defaults_and_nullables_null()
    {
        Assert.Equal("null|null|null|10|hi|Shipped", Text(await Call("optional", new { })));
        Assert.Equal("x|3|Delivered|5|yo|Pending", Text(await Call("optional", new { maybe = "x", count = 3, status = "Delivered", limit = 5, greeting = "yo", mode = "Pending" })));
        Assert.Equal("null|null|null|10|hi|Shipped", Text(await Call("optional", new { maybe = (string?)null, count = (int?)null, status = (string?)null })));
    }

    [Fact]
    public async Task Missing_arguments_count_as_empty()
    {
        var response = await Client.RequestAsync("tools/call", new { name = "optional" });
        Assert.Equal("null|null|null|10|hi|Shipped", Text(response.GetProperty("result")));
    }

    [Theory]
    [InlineData("""{"a":1}""", "b", "is required")]
    [InlineData("""{"a":"1","b":2}""", "a", "expected an integer, got a string")]
    [InlineData("""{"a":2147483648,"b":2}""", "a", "out of range for int")]
    [InlineData("""{"a":1.5,"b":2}""", "a", "expected an integer")]
    [InlineData("""{"a":null,"b":2}""", "a", "must not be null")]
    public async Task Bad_arguments_are_tool_errors_naming_the_argument(string arguments, string path, string problem)
    {
        string id = "bad-" + Guid.NewGuid().ToString("N");
        await Client.SendRawAsync("""{"jsonrpc":"2.0","id":""" + "\"" + id + "\"" + ""","method":"tools/call","params":{"name":"add","arguments":""" + arguments + "}}");
        string message = InvalidArgumentMessage(await Client.WaitForResponseAsync(id));
        Assert.Contains($"'{path}'", message);
        Assert.Contains(problem, message);
    }

    [Fact]
    public async Task Nested_errors_name_the_full_path()
    {
        string error = await CallInvalid("place_order", new { request = new { customer = "ada", lines = new object[] { new { sku = "a", quantity = 1 }, new { sku = "b", quantity = 500 } } } });
        Assert.Contains("'request.lines[1].quantity'", error);
        Assert.Contains("range", error);
        string missing = await CallInvalid("place_order", new { request = new { lines = Array.Empty<object>() } });
        Assert.Contains("'request.customer'", missing);
        string badEnum = await CallInvalid("place_order", new { request = new { customer = "x", lines = Array.Empty<object>(), status = "Lost" } });
        Assert.Contains("'request.status'", badEnum);
        Assert.Contains("\"in-transit\"", badEnum);
    }

    [Fact]
    public async Task Records_round_trip_with_structured_content_and_services()
    {
        var result = await Call("place_order", new { request = new { customer = "ada", lines = new[] { new { sku = "a", quantity = 2 } }, status = "in-transit" } });
        var structured = result.GetProperty("structuredContent");
        Assert.Equal("ord-1", structured.GetProperty("id").GetString());
        Assert.Equal(5.0m, structured.GetProperty("total").GetDecimal());
        Assert.Equal("in-transit", structured.GetProperty("status").GetString());
        Assert.Equal("2025-11-25T10:00:00+00:00", structured.GetProperty("placedAt").GetString());
        Assert.Equal("a", structured.GetProperty("lines")[0].GetProperty("sku").GetString());
        Assert.Equal(structured.GetRawText(), Text(result)); // the same JSON as text, for clients without structured output
    }

    [Fact]
    public async Task Validation_attributes_are_enforced()
    {
        var good = new { level = 5, code = "abc", name = "anna", lower = "abc", email = "a@b.c", site = "https://x.y", color = "red", user = "ada", items = new[] { 1 } };
        Assert.Equal("ok", Text(await Call("validated", good)));
        async Task Rejects(object args, string path) => Assert.Contains($"'{path}'", await CallInvalid("validated", args));
        await Rejects(good with { level = 11 }, "level");
        await Rejects(good with { code = "a" }, "code");
        await Rejects(good with { code = "abcdef" }, "code");
        await Rejects(good with { name = "ab" }, "name");
        await Rejects(good with { lower = "ABC" }, "lower");
        await Rejects(good with { email = "nope" }, "email");
        await Rejects(good with { site = "ftp:/x" }, "site");
        await Rejects(good with { color = "blue" }, "color");
        await Rejects(good with { user = "root" }, "user");
        await Rejects(good with { items = new[] { 1, 2, 3, 4 } }, "items");
    }

    [Fact]
    public async Task Collections_and_dictionaries_bind()
    {
        var result = await Call("collections", new
        {
            list = new[] { "a", "b" }, readOnly = new[] { 1 }, sequence = new[] { 1.5, 2.5 }, bools = new[] { true }, set = new[] { "x", "y" },
            map = new Dictionary<string, int> { ["k"] = 1 }, lines = new Dictionary<string, object> { ["l"] = new { sku = "s", quantity = 3 } },
            nullableItems = new[] { "a", null },
        });
        Assert.Equal("12", Text(result));
        string error = await CallInvalid("collections", new { list = new[] { "a", null }, readOnly = Array.Empty<int>(), sequence = Array.Empty<double>(), bools = Array.Empty<bool>(), set = Array.Empty<string>(), map = new { }, lines = new { }, nullableItems = Array.Empty<string>() });
        Assert.Contains("'list[1]'", error);
    }

    [Fact]
    public async Task Recursive_types_round_trip()
    {
        var tree = new { name = "root", children = new[] { new { name = "a", children = new[] { new { name = "a1", children = Array.Empty<object>() } } } } };
        var result = await Call("tree", new { root = tree });
        Assert.Equal("a1", result.GetProperty("structuredContent").GetProperty("children")[0].GetProperty("children")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Classes_with_settable_properties_and_structs_bind()
    {
        var result = await Call("configure", new { settings = new { retries = 1, time_out = "PT30S", weights = new { a = 0.5 }, tags = new[] { "t" } }, origin = new { x = 2.0, y = 1.0 } });
        var s = result.GetProperty("structuredContent");
        Assert.Equal(3, s.GetProperty("retries").GetInt32());
        Assert.Equal("PT30S", s.GetProperty("time_out").GetString());
        Assert.False(s.TryGetProperty("secret", out _));
        // A [JsonIgnore]d property is not part of the arguments: strict binding names it (the schema says additionalProperties: false).
        var ignored = await Client.RequestAsync("tools/call", new { name = "configure", arguments = new { settings = new { secret = "x" }, origin = new { } } });
        Assert.Contains("'settings.secret': is not a known property", ignored.GetRawText());
        var defaults = await Call("configure", new { settings = new { }, origin = new { } });
        Assert.Equal(3, defaults.GetProperty("structuredContent").GetProperty("retries").GetInt32()); // the property initializer survives
    }

    [Fact]
    public async Task Progress_context_and_cancellation_are_bound()
    {
        int id = await Client.SendRequestAsync("tools/call", new { name = "slow", arguments = new { }, _meta = new { progressToken = "p1" } });
        var response = await Client.WaitForResponseAsync(id);
        Assert.Equal("tools/call", Text(response.GetProperty("result")));
        Assert.Equal(3, Client.Received.Count(m => m.TryGetProperty("method", out var me) && me.GetString() == "notifications/progress" && m.GetProperty("params").GetProperty("progressToken").GetString() == "p1"));
    }

    [Fact]
    public async Task Other_return_kinds()
    {
        Assert.Equal("""{"content":[]}""", (await Call("nothing", new { })).GetRawText());
        var blocks = await Call("blocks", new { });
        Assert.Equal("one", blocks.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("image/png", blocks.GetProperty("content")[1].GetProperty("mimeType").GetString());
        var full = await Call("full", new { });
        Assert.True(full.GetProperty("isError").GetBoolean());
        var fails = await Call("fails", new { });
        Assert.True(fails.GetProperty("isError").GetBoolean());
        Assert.Equal("it failed", Text(fails));
        Assert.Equal("[0,1,2]", Text(await Call("numbers", new { count = 3 })));
        Assert.Equal("2025-11-25", Text(await Call("today", new { })));
    }

    [Fact]
    public async Task Instance_tools_are_built_from_services_and_disposed()
    {
        var disposedField = fixture.Assembly.Assembly.GetType("Shop.ClockTools")!.GetField("Disposed")!;
        int before = (int)disposedField.GetValue(null)!;
        Assert.Equal("2025-11-25T10:00:00.0000000+00:00", Text(await Call("now", new { })));
        Assert.Equal(before + 1, (int)disposedField.GetValue(null)!);
    }

    [Fact]
    public async Task Prompts_convert_string_arguments()
    {
        var greet = await Client.ResultAsync("prompts/get", new { name = "greet", arguments = new { name = "Ada", times = "2", status = "in-transit" } });
        Assert.Equal("Hello Ada! Hello Ada! Shipped", greet.GetProperty("messages")[0].GetProperty("content").GetProperty("text").GetString());
        var defaults = await Client.ResultAsync("prompts/get", new { name = "greet", arguments = new { name = "Bo" } });
        Assert.Equal("Hello Bo! Pending", defaults.GetProperty("messages")[0].GetProperty("content").GetProperty("text").GetString());
        var bad = await Client.RequestAsync("prompts/get", new { name = "greet", arguments = new { name = "Bo", times = "many" } });
        Assert.Contains("'times'", bad.GetProperty("error").GetProperty("message").GetString());
        var conversation = await Client.ResultAsync("prompts/get", new { name = "conversation", arguments = new { style = "short" } });
        Assert.Equal("assistant", conversation.GetProperty("messages")[1].GetProperty("role").GetString());
        var full = await Client.ResultAsync("prompts/get", new { name = "full", arguments = new { loud = "true" } });
        Assert.Equal("full", full.GetProperty("description").GetString());
        var list = (await Client.ResultAsync("prompts/list")).GetProperty("prompts").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "greet");
        Assert.Equal("Greeting", list.GetProperty("title").GetString());
        Assert.Equal("Who to greet.", list.GetProperty("arguments")[0].GetProperty("description").GetString());
        Assert.True(list.GetProperty("arguments")[0].GetProperty("required").GetBoolean());
        Assert.False(list.GetProperty("arguments")[1].GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task Completion_for_enum_and_allowed_values()
    {
        var status = await Client.ResultAsync("completion/complete", new { @ref = new { type = "ref/prompt", name = "greet" }, argument = new { name = "status", value = "" } });
        Assert.Equal(["Pending", "in-transit", "Delivered"], status.GetProperty("completion").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        var style = await Client.ResultAsync("completion/complete", new { @ref = new { type = "ref/prompt", name = "conversation" }, argument = new { name = "style", value = "l" } });
        Assert.Equal(["long"], style.GetProperty("completion").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        var line = await Client.ResultAsync("completion/complete", new { @ref = new { type = "ref/resource", uri = "orders://{id}/lines/{line}" }, argument = new { name = "line", value = "D" } });
        Assert.Equal(["Delivered"], line.GetProperty("completion").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Resources_read_text_bytes_templates_and_contents()
    {
        var readme = await Client.ResultAsync("resources/read", new { uri = "docs://readme" });
        Assert.Equal("""{"contents":[{"uri":"docs://readme","mimeType":"text/markdown","text":"# Readme"}]}""", readme.GetRawText());
        var logo = await Client.ResultAsync("resources/read", new { uri = "docs://logo" });
        Assert.Equal("iVBORw==", logo.GetProperty("contents")[0].GetProperty("blob").GetString());
        var line = await Client.ResultAsync("resources/read", new { uri = "orders://7/lines/Delivered" });
        Assert.Equal("order 7 line Delivered", line.GetProperty("contents")[0].GetProperty("text").GetString());
        var file = await Client.ResultAsync("resources/read", new { uri = "files://a/b.txt" });
        Assert.Equal("file a/b.txt", file.GetProperty("contents")[0].GetProperty("text").GetString());
        var bad = await Client.RequestAsync("resources/read", new { uri = "orders://x/lines/Delivered" });
        Assert.Equal(-32602, bad.GetProperty("error").GetProperty("code").GetInt32());
        var list = (await Client.ResultAsync("resources/list")).GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("uri").GetString() == "docs://readme");
        Assert.Equal("Readme", list.GetProperty("title").GetString());
        Assert.Equal("readme", list.GetProperty("name").GetString());
    }
}
