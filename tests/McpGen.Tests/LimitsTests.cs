namespace McpGen.Tests;

public class LimitsTests
{
    [Fact]
    public async Task In_flight_requests_beyond_the_cap_are_refused_and_slots_free_up()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync(configure: o => o.MaxInFlightRequestsPerSession = 3);
        await using var _c = client;
        var ids = new List<int>();
        for (int i = 0; i < 3; i++) ids.Add(await client.SendRequestAsync("tools/call", new { name = "wait" }));
        await TestWait.UntilAsync(() => client.Server.Sessions.Single().InFlightRequests == 3);
        var refused = await client.RequestAsync("tools/call", new { name = "add", arguments = new { a = 1, b = 1 } });
        Assert.Equal(-32000, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("limit is 3", refused.GetProperty("error").GetProperty("message").GetString());
        registry.Gate.SetResult();
        foreach (int id in ids) Assert.Equal("released", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
        Assert.Equal("2", (await client.ResultAsync("tools/call", new { name = "add", arguments = new { a = 1, b = 1 } })).Text());
    }

    [Fact]
    public async Task Requests_beyond_the_in_flight_byte_budget_are_refused_with_their_id_and_the_budget_frees_up()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync(configure: o => o.MaxInFlightRequestBytes = 100_000);
        await using var _c = client;
        string pad = new('p', 40_000); // _meta may carry anything: two such calls fit the budget, a third does not
        var ids = new List<int>();
        for (int i = 0; i < 2; i++) ids.Add(await client.SendRequestAsync("tools/call", new { name = "wait", _meta = new { pad } }));
        await TestWait.UntilAsync(() => client.Server.InFlightRequestBytes > 80_000);

        int refusedId = await client.SendRequestAsync("tools/call", new { name = "wait", _meta = new { pad } });
        var refused = await client.WaitForResponseAsync(refusedId);
        Assert.Equal(refusedId, refused.GetProperty("id").GetInt32());
        Assert.Equal(-32000, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("MaxInFlightRequestBytes", refused.GetProperty("error").GetProperty("message").GetString());
        // Small requests still fit, and ping is never counted.
        Assert.Equal("2", (await client.ResultAsync("tools/call", new { name = "add", arguments = new { a = 1, b = 1 } })).Text());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, (await client.ResultAsync("ping", new { _meta = new { pad = pad + pad + pad } })).ValueKind);

        registry.Gate.SetResult();
        foreach (int id in ids) Assert.Equal("released", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
        await TestWait.UntilAsync(() => client.Server.InFlightRequestBytes == 0);
        Assert.Equal("released", (await client.ResultAsync("tools/call", new { name = "wait", _meta = new { pad = pad + pad } })).Text());
        Assert.Equal(0, client.Server.InFlightRequestBytes);
    }

    [Fact]
    public async Task Many_concurrent_requests_are_each_answered_once()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var ids = new List<int>();
        for (int i = 0; i < 500; i++) ids.Add(await client.SendRequestAsync("tools/call", new { name = "add", arguments = new { a = i, b = 1 } }));
        foreach (int id in ids) await client.WaitForResponseAsync(id);
        var sent = ids.ToHashSet();
        var responses = client.Received.Where(m => !m.TryGetProperty("method", out _) && m.TryGetProperty("id", out var id) && sent.Contains(id.GetInt32())).ToList();
        var answered = responses.Select(m => m.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(answered.Count, answered.Distinct().Count()); // each once
        Assert.Equal(sent, answered.ToHashSet());
        // 500 requests can outrun the session's in-flight limit (256) on a loaded machine: a refusal is an answer too,
        // and it is the only error allowed.
        foreach (var response in responses.Where(m => m.TryGetProperty("error", out _)))
            Assert.Contains("Too many requests in flight", response.GetProperty("error").GetProperty("message").GetString());
        Assert.Contains(responses, m => m.TryGetProperty("result", out _));
    }
}

public class BufferPoolTests
{
    [Fact]
    public void Arrays_over_a_mebibyte_are_not_kept_by_the_shared_pool_and_small_ones_are()
    {
        // ArrayPool<byte>.Shared hands back the array just returned (its thread-local slot); McpBufferPool must not keep large ones.
        byte[] large = JsonRpc.McpBufferPool.Rent(4 * 1024 * 1024);
        JsonRpc.McpBufferPool.Return(large);
        Assert.NotSame(large, System.Buffers.ArrayPool<byte>.Shared.Rent(4 * 1024 * 1024));
        Assert.NotSame(large, JsonRpc.McpBufferPool.Rent(4 * 1024 * 1024));

        byte[] small = JsonRpc.McpBufferPool.Rent(4096);
        JsonRpc.McpBufferPool.Return(small);
        Assert.Same(small, JsonRpc.McpBufferPool.Rent(4096));
    }

    [Fact]
    public void A_writer_grown_past_a_mebibyte_gives_its_array_to_nobody()
    {
        var writer = new JsonRpc.PooledBufferWriter();
        writer.Write(new byte[3 * 1024 * 1024]);
        var grown = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(writer.WrittenMemory, out var segment) ? segment.Array : null;
        writer.Dispose();
        Assert.NotNull(grown);
        Assert.NotSame(grown, System.Buffers.ArrayPool<byte>.Shared.Rent(grown!.Length));
    }
}

internal static class TestWait
{
    public static async Task UntilAsync(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(10);
        }
    }
}

public class BackpressureTests
{
    [Fact]
    public async Task A_client_that_does_not_read_stops_the_server_reading_so_memory_stays_bounded()
    {
        // The server's output pipe pauses at 64 KiB; the client sends far more requests than the server can answer into it.
        var toServer = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));
        var fromServer = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));
        var options = new McpServerOptions { MaxInFlightRequestsPerSession = 32 };
        options.Add(new TestRegistry().Build());
        await using var server = new McpServer(options);
        using var stop = new CancellationTokenSource();
        var serving = Transports.StdioServerTransport.RunAsync(server, toServer.Reader.AsStream(), fromServer.Writer.AsStream(), stop.Token);

        static byte[] Line(string s) => System.Text.Encoding.UTF8.GetBytes(s + "\n");
        await toServer.Writer.WriteAsync(Line("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""));
        string pad = new('p', 2000); // each answer is ~2 KB, so a few dozen fill the output pipe
        int sent = 0;
        var sending = Task.Run(async () =>
        {
            for (int i = 1; i <= 100_000; i++)
            {
                await toServer.Writer.WriteAsync(Line("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"" + pad + "\"}}}"));
                Interlocked.Increment(ref sent);
            }
        });
        await Task.Delay(1500);
        int stalledAt = Volatile.Read(ref sent);
        await Task.Delay(1000);
        // The client is blocked: the server stopped reading once its output queue was full.
        Assert.Equal(stalledAt, Volatile.Read(ref sent));
        Assert.True(stalledAt < 2_000, $"the server kept reading: {stalledAt} requests accepted");
        Assert.False(sending.IsCompleted);

        // Once the client reads again, everything flows and every request is answered.
        int answered = 0;
        var reading = Task.Run(async () =>
        {
            while (answered < 100_001)
            {
                var result = await fromServer.Reader.ReadAsync();
                foreach (var segment in result.Buffer) answered += segment.Span.Count((byte)'\n');
                fromServer.Reader.AdvanceTo(result.Buffer.End);
            }
        });
        await sending.WaitAsync(TimeSpan.FromSeconds(60));
        await reading.WaitAsync(TimeSpan.FromSeconds(60));
        stop.Cancel();
        await toServer.Writer.CompleteAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
