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
    public async Task Tools_that_throw_sync_or_async_give_error_results_and_the_process_goes_on()
    {
        await using var server = ChildServer.StartTestServer();
        await server.SendAsync(ChildServer.Initialize);
        await server.WaitForResponseAsync(1);
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"throw"}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"throw_async"}}""");
        foreach (var (id, text) in new[] { (2, "boom: the tool failed"), (3, "async boom") })
        {
            var result = (await server.WaitForResponseAsync(id)).GetProperty("result");
            Assert.True(result.GetProperty("isError").GetBoolean());
            Assert.Equal(text, result.Text());
        }
        await server.SendAsync("""{"jsonrpc":"2.0","id":4,"method":"ping"}""");
        await server.WaitForResponseAsync(4);
        server.CloseInput();
        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.DoesNotContain("   at ", string.Join('\n', server.StdoutLines), StringComparison.Ordinal); // no stack trace on the wire
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

public class StdioSlowReaderProcessTests
{
    [Fact]
    public async Task A_client_that_stops_reading_blocks_the_server_not_its_memory()
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ChildServer.ProjectOutput("tests/McpGen.TestServer", "McpGen.TestServer"));
        using var process = System.Diagnostics.Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var stdin = process.StandardInput.BaseStream;
        try
        {
            string pad = new('p', 4000);
            await stdin.WriteAsync(System.Text.Encoding.UTF8.GetBytes(ChildServer.Initialize + "\n"));
            int sent = 0;
            var writing = Task.Run(async () =>
            {
                for (int i = 2; i < 200_000; i++)
                {
                    await stdin.WriteAsync(System.Text.Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"" + pad + "\"}}}\n"));
                    Interlocked.Increment(ref sent);
                }
            });
            // Nobody reads stdout: the server's writes block, then it stops reading stdin, then our writes block.
            await Task.Delay(3000);
            int stalled = Volatile.Read(ref sent);
            await Task.Delay(1000);
            Assert.Equal(stalled, Volatile.Read(ref sent));
            Assert.False(writing.IsCompleted);
            long rss = ResidentBytes(process.Id);
            Assert.True(rss < 150L * 1024 * 1024, $"server resident memory grew to {rss / 1048576} MB while the client did not read");

            // Reading again drains everything: all requests are answered.
            int answered = 0;
            var reading = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is not null && ++answered < 199_999) { }
            });
            await writing.WaitAsync(TimeSpan.FromSeconds(120));
            await reading.WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(199_999, answered);
        }
        finally
        {
            if (!process.HasExited) process.Kill(true);
        }
    }

    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
