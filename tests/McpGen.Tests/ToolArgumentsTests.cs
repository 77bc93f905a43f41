using System.Text.Json;
using McpGen.Protocol;

namespace McpGen.Tests;

/// <summary>The typed argument getters of hand-written tools (<see cref="McpToolArguments"/>): -32602 naming the argument.</summary>
public class ToolArgumentsTests
{
    private static async Task<InMemoryClient> StartAsync()
    {
        var options = new McpServerOptions { ServerInfo = new() { Name = "args", Version = "1.0.0" } };
        options.Add(new McpRegistryBuilder()
            .Add(McpTool.Create("forecast",
                """{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"},"metric":{"type":"boolean"},"scale":{"type":"number"},"note":{"type":"string"},"id":{"type":"integer"}},"required":["city"]}""",
                static (_, args) =>
                {
                    string city = args.GetRequiredString("city");
                    int days = args.GetOptionalInt32("days", 3);
                    bool metric = args.GetOptionalBoolean("metric", true);
                    double scale = args.GetOptionalDouble("scale", 1.5);
                    string note = args.GetOptionalString("note") ?? "-";
                    long id = args.GetOptionalInt64("id", -1);
                    return new(CallToolResult.FromText(FormattableString.Invariant($"{city}|{days}|{metric}|{scale}|{note}|{id}")));
                }))
            .Add(McpTool.Create("strict",
                """{"type":"object","properties":{"n":{"type":"integer"},"b":{"type":"boolean"},"x":{"type":"number"},"l":{"type":"integer"},"any":{}},"required":["n","b","x","l","any"]}""",
                static (context, args) => new(CallToolResult.FromText(FormattableString.Invariant(
                    $"{args.GetRequiredInt32("n")}|{args.GetRequiredBoolean("b")}|{args.GetRequiredDouble("x")}|{args.GetRequiredInt64("l")}|{args.GetRequiredElement("any").GetRawText()}|{args.TryGetArgument("absent", out _)}")))))
            .Build());
        var client = new InMemoryClient(new McpServer(options));
        await client.InitializeAsync();
        return client;
    }

    [Fact]
    public async Task Required_and_optional_getters_read_the_arguments_and_fill_defaults()
    {
        await using var client = await StartAsync();
        var all = await client.ResultAsync("tools/call", new { name = "forecast", arguments = new { city = "Paris", days = 5.0, metric = false, scale = 2, note = "n", id = 9000000000L } });
        Assert.Equal("Paris|5|False|2|n|9000000000", all.GetProperty("content")[0].GetProperty("text").GetString());
        var defaults = await client.ResultAsync("tools/call", new { name = "forecast", arguments = new { city = "Oslo", days = (int?)null } });
        Assert.Equal("Oslo|3|True|1.5|-|-1", defaults.GetProperty("content")[0].GetProperty("text").GetString());
        var strict = await client.ResultAsync("tools/call", new { name = "strict", arguments = new { n = -4, b = true, x = 0.25, l = 7, any = new[] { 1 } } });
        Assert.Equal("-4|True|0.25|7|[1]|False", strict.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("forecast", """{}""", "Invalid argument 'city': is required but missing.")]
    [InlineData("forecast", """{"city":null}""", "Invalid argument 'city': is required but missing.")]
    [InlineData("forecast", """{"city":5}""", "Invalid argument 'city': expected a string, got the number 5.")]
    [InlineData("forecast", """{"city":"a","days":"three"}""", "Invalid argument 'days': expected an integer, got a string.")]
    [InlineData("forecast", """{"city":"a","days":2.5}""", "Invalid argument 'days': expected an integer, got the number 2.5.")]
    [InlineData("forecast", """{"city":"a","days":3000000000}""", "Invalid argument 'days': 3000000000 is out of range for int (-2147483648 to 2147483647).")]
    [InlineData("forecast", """{"city":"a","metric":"yes"}""", "Invalid argument 'metric': expected a boolean, got a string.")]
    [InlineData("forecast", """{"city":"a","scale":[]}""", "Invalid argument 'scale': expected a finite number, got an array.")]
    [InlineData("forecast", """{"city":"a","note":{}}""", "Invalid argument 'note': expected a string, got an object.")]
    [InlineData("strict", """{"n":1,"b":true,"x":1,"l":1}""", "Invalid argument 'any': is required but missing.")]
    [InlineData("strict", """{"n":1,"b":1,"x":1,"l":1,"any":0}""", "Invalid argument 'b': expected a boolean, got the number 1.")]
    public async Task A_missing_or_mistyped_argument_is_a_tool_error_naming_it(string tool, string arguments, string message)
    {
        await using var client = await StartAsync();
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"TOOL","arguments":ARGS}}""".Replace("TOOL", tool, StringComparison.Ordinal).Replace("ARGS", arguments, StringComparison.Ordinal));
        var response = await client.WaitForResponseAsync("a");
        // The getters throw McpInvalidParamsException (-32602 anywhere else); in tools/call it is a tool execution error the model sees (SEP-1303).
        var result = response.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal(message, result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _)); // the session goes on
    }

    [Fact]
    public void Getters_on_a_value_that_is_not_an_object_are_invalid_params()
    {
        using var doc = JsonDocument.Parse("[1]");
        var e = Assert.Throws<McpInvalidParamsException>(() => doc.RootElement.GetRequiredString("x"));
        Assert.Equal(-32602, e.ErrorCode);
    }
}
