using System.Text.Json;

namespace McpGen.Tests;

public class ToolsTests
{
    [Fact]
    public async Task Lists_every_tool_with_its_schema_and_no_nulls()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var tools = (await client.ResultAsync("tools/list")).GetProperty("tools");
        Assert.Equal(22, tools.GetArrayLength());
        var echo = tools.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "echo");
        Assert.Equal("Echoes text.", echo.GetProperty("description").GetString());
        Assert.Equal("object", echo.GetProperty("inputSchema").GetProperty("type").GetString());
        Assert.False(echo.TryGetProperty("outputSchema", out _));
        var structured = tools.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "structured");
        Assert.Equal("integer", structured.GetProperty("outputSchema").GetProperty("properties").GetProperty("value").GetProperty("type").GetString());
        Assert.DoesNotContain(":null", tools.GetRawText());
    }

    [Fact]
    public async Task Calls_a_tool()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var result = await client.ResultAsync("tools/call", new { name = "add", arguments = new { a = 2, b = 40 } });
        Assert.Equal("""{"content":[{"type":"text","text":"42"}]}""", result.GetRawText());
    }

    [Fact]
    public async Task Missing_or_null_arguments_count_as_an_empty_object()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":"n","method":"tools/call","params":{"name":"structured","arguments":null}}""");
        var r = await client.WaitForResponseAsync("n");
        Assert.Equal(42, r.GetProperty("result").GetProperty("structuredContent").GetProperty("value").GetInt32());
        var r2 = await client.ResultAsync("tools/call", new { name = "structured" });
        Assert.Equal(42, r2.GetProperty("structuredContent").GetProperty("value").GetInt32());
    }

    [Theory]
    [InlineData("throw", "boom: the tool failed")]
    [InlineData("throw_async", "async boom")]
    public async Task A_throwing_tool_gives_an_error_result_without_stack_or_type(string tool, string message)
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var result = await client.ResultAsync("tools/call", new { name = tool });
        Assert.True(result.GetProperty("isError").GetBoolean());
        string text = result.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Equal(message, text);
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Exception_details_only_with_the_development_option()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(configure: o => o.IncludeExceptionDetails = true);
        await using var _c = client;
        var result = await client.ResultAsync("tools/call", new { name = "throw" });
        string text = result.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Contains("System.InvalidOperationException", text);
        Assert.Contains(" at ", text);
    }

    [Fact]
    public async Task Protocol_errors_are_jsonrpc_errors_and_argument_errors_reach_the_model()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var custom = await client.RequestAsync("tools/call", new { name = "protocol_error" });
        Assert.Equal(-32099, custom.GetProperty("error").GetProperty("code").GetInt32());
        // SEP-1303: arguments that do not validate are a tool execution error (isError), so the model can correct them.
        var bad = await client.RequestAsync("tools/call", new { name = "bad_args" });
        Assert.False(bad.TryGetProperty("error", out _), bad.ToString());
        Assert.True(bad.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Contains("'x'", bad.GetProperty("result").Text());
    }

    [Theory]
    [InlineData("""{"name":"nope"}""", "Unknown tool: 'nope'")]
    [InlineData("""{}""", "'name'")]
    [InlineData("""{"name":5}""", "'name' must be a string")]
    [InlineData("""{"name":"echo","arguments":[1]}""", "'arguments' must be an object")]
    public async Task Bad_call_params_are_invalid_params(string @params, string message)
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":99,"method":"tools/call","params":""" + @params + "}");
        var r = await client.WaitForResponseAsync(99);
        Assert.Equal(-32602, r.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains(message, r.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Pagination_walks_every_page_with_an_opaque_cursor()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(configure: o => o.PageSize = 5);
        await using var _c = client;
        var names = new List<string>();
        string? cursor = null;
        int pages = 0;
        do
        {
            var page = await client.ResultAsync("tools/list", cursor is null ? null : new { cursor });
            names.AddRange(page.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            pages++;
        } while (cursor is not null);
        Assert.Equal(5, pages);
        Assert.Equal(22, names.Distinct().Count());
    }

    [Fact]
    public async Task An_invalid_cursor_is_invalid_params()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(configure: o => o.PageSize = 5);
        await using var _c = client;
        var r = await client.RequestAsync("tools/list", new { cursor = "not-a-cursor" });
        Assert.Equal(-32602, r.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Tools_added_at_run_time_are_announced_and_callable()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        client.Server.Tools.Add(McpTool.Create("late", """{"type":"object"}""", static (_, _) => new(Protocol.CallToolResult.FromText("late!")), description: "Added later."));
        await client.WaitForAsync(m => m.TryGetProperty("method", out var me) && me.GetString() == "notifications/tools/list_changed");
        var result = await client.ResultAsync("tools/call", new { name = "late" });
        Assert.Equal("late!", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(client.Server.Tools.Remove("late"));
        var gone = await client.RequestAsync("tools/call", new { name = "late" });
        Assert.Equal(-32602, gone.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public void Duplicate_tool_names_across_registries_fail_at_start_up()
    {
        var options = new McpServerOptions();
        options.Add(new TestRegistry().Build()).Add(new TestRegistry().Build());
        var ex = Assert.Throws<InvalidOperationException>(() => new McpServer(options));
        Assert.Contains("already registered", ex.Message);
    }

    [Fact]
    public void Invalid_tool_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => McpTool.Create("has space", """{"type":"object"}""", static (_, _) => default));
        Assert.Throws<ArgumentException>(() => McpTool.Create(new string('a', 129), """{"type":"object"}""", static (_, _) => default));
        Assert.Throws<ArgumentException>(() => McpTool.Create("ok", """{"type":"string"}""", static (_, _) => default));
    }
}
