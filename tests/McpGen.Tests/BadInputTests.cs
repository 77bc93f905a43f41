using System.Text;

namespace McpGen.Tests;

/// <summary>Every kind of bad input is answered (or skipped) and the next request is still served.</summary>
public class BadInputTests
{
    public static TheoryData<string, int> Cases => new()
    {
        { "this is not json", -32700 },
        { "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", -32700 },
        { "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600 },
        { "[]", -32600 },
        { "42", -32600 },
        { "null", -32600 },
        { "{\"id\":5,\"method\":\"ping\"}", -32600 },
        { "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such/method\"}", -32601 },
        { "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":[1]}", -32602 },
        { "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"missing\"}}", -32602 },
        { "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":\"x\"}}", -32602 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_answered_and_the_session_goes_on(string line, int expectedCode)
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync(line);
        var error = await client.WaitForAsync(m => m.TryGetProperty("error", out _));
        Assert.Equal(expectedCode, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("3", (await client.ResultAsync("tools/call", new { name = "add", arguments = new { a = 1, b = 2 } })).Text());
    }

    [Fact]
    public async Task Parse_errors_have_a_null_id_and_invalid_requests_echo_a_readable_id()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("{oops");
        var parse = await client.WaitForAsync(m => m.TryGetProperty("error", out _));
        Assert.Equal("null", parse.GetProperty("id").GetRawText());
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":"keep-me","method":"ping","result":{}}""");
        var invalid = await client.WaitForResponseAsync("keep-me");
        Assert.Equal(-32600, invalid.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Invalid_utf8_and_control_bytes_do_not_stop_the_server()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawBytesAsync([0xFF, 0xFE, 0x00, 0x7B, 0x0A]);
        await client.SendRawBytesAsync([.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p"u8, 0xC3, 0x28, .. "\"}\n"u8]);
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _));
        Assert.Equal(2, client.Received.Count(m => m.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == -32700));
    }

    [Fact]
    public async Task Blank_lines_and_crlf_are_tolerated()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawBytesAsync(Encoding.UTF8.GetBytes("\n   \r\n{\"jsonrpc\":\"2.0\",\"id\":\"crlf\",\"method\":\"ping\"}\r\n"));
        Assert.Equal("{}", (await client.WaitForResponseAsync("crlf")).GetProperty("result").GetRawText());
        Assert.DoesNotContain(client.Received, m => m.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_and_skipped()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(configure: o => o.MaxMessageBytes = 10_000);
        await using var _c = client;
        string big = """{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"echo","arguments":{"text":""" + "\"" + new string('x', 200_000) + "\"}}}";
        await client.SendRawAsync(big);
        var error = await client.WaitForAsync(m => m.TryGetProperty("error", out _));
        Assert.Equal(-32600, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("10000 bytes", error.GetProperty("error").GetProperty("message").GetString());
        string small = new('y', 5000);
        Assert.Equal(small, (await client.ResultAsync("tools/call", new { name = "echo", arguments = new { text = small } })).Text());
    }

    [Fact]
    public async Task Deep_nesting_is_refused()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":"deep","method":"tools/call","params":{"name":"echo","arguments":{"text":""" + new string('[', 10_000) + new string(']', 10_000) + "}}}");
        var error = await client.WaitForAsync(m => m.TryGetProperty("error", out _));
        Assert.Equal(-32600, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task A_request_id_in_flight_twice_is_refused()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":"dup","method":"tools/call","params":{"name":"wait"}}""");
        await Task.Delay(100);
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":"dup","method":"tools/call","params":{"name":"wait"}}""");
        var first = await client.WaitForResponseAsync("dup");
        Assert.Equal(-32600, first.GetProperty("error").GetProperty("code").GetInt32());
        registry.Gate.SetResult();
        await client.WaitForAsync(m => m.TryGetProperty("result", out var r) && r.TryGetProperty("content", out _));
    }
}
