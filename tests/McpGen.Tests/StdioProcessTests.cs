using System.Text.Json;

namespace McpGen.Tests;

/// <summary>Real child processes over real pipes.</summary>
public class StdioProcessTests
{
    [Fact]
    public async Task Stdin_eof_finishes_calls_in_flight_and_exits_zero()
    {
        await using var server = ChildServer.StartTestServer();
        await server.SendAsync(ChildServer.Initialize);
        await server.WaitForResponseAsync(1);
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{"ms":500}}}""");
        await Task.Delay(100);
        server.CloseInput();
        var response = await server.WaitForResponseAsync(2);
        Assert.Equal("done", response.GetProperty("result").Text());
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Contains("clean exit", server.Stderr);
    }

    [Fact]
    public async Task Sigterm_finishes_calls_in_flight_and_exits_zero()
    {
        await using var server = ChildServer.StartTestServer();
        await server.SendAsync(ChildServer.Initialize);
        await server.WaitForResponseAsync(1);
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{"ms":700}}}""");
        await Task.Delay(200);
        server.Signal("TERM");
        var response = await server.WaitForResponseAsync(2);
        Assert.Equal("done", response.GetProperty("result").Text());
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task Sigterm_with_a_hung_call_exits_after_the_grace_period()
    {
        await using var server = ChildServer.StartTestServer("300");
        await server.SendAsync(ChildServer.Initialize);
        await server.WaitForResponseAsync(1);
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"hang"}}""");
        await Task.Delay(200);
        var started = DateTime.UtcNow;
        server.Signal("TERM");
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Console_output_of_a_tool_goes_to_stderr_and_stdout_stays_pure_json_rpc()
    {
        await using var server = ChildServer.StartTestServer();
        await server.SendAsync(ChildServer.Initialize);
        await server.WaitForResponseAsync(1);
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"console"}}""");
        Assert.Equal("wrote to console", (await server.WaitForResponseAsync(2)).GetProperty("result").Text());
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        await server.WaitForResponseAsync(3);
        server.CloseInput();
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.All(server.StdoutLines, line => Assert.Equal("2.0", JsonDocument.Parse(line).RootElement.GetProperty("jsonrpc").GetString()));
        Assert.Contains("this goes to stderr", server.Stderr);
    }

    [Fact]
    public async Task Everything_sample_answers_over_a_real_pipe()
    {
        await using var server = ChildServer.StartEverything();
        await server.SendAsync(ChildServer.Initialize);
        var init = await server.WaitForResponseAsync(1);
        Assert.Equal("mcpgen-everything", init.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        await server.SendAsync("garbage");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"test_simple_text"}}""");
        Assert.Equal("This is a simple text response for testing.", (await server.WaitForResponseAsync(2)).GetProperty("result").Text());
        server.CloseInput();
        Assert.Equal(0, await server.WaitForExitAsync());
    }
}
