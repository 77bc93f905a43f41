using System.Net;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

/// <summary>Faults over a real Kestrel: hung tools, clients that vanish, and what a server lets out in headers and logs.</summary>
public class HttpFaultTests
{
    [Fact]
    public async Task A_hung_tool_is_cancelled_by_notifications_cancelled_and_frees_its_slot()
    {
        await using var server = await TestHttpServer.StartAsync(mcp: o => o.MaxInFlightRequestsPerSession = 1);
        string session = await server.InitializeAsync();
        var hung = server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"hang"}}""", session), HttpCompletionOption.ResponseHeadersRead);
        using (var hungResponse = await hung)
        {
            Assert.Equal(HttpStatusCode.OK, hungResponse.StatusCode);
            // The one slot is taken: another request is refused (ping is not counted: it is answered).
            var (refused, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":6,"method":"tools/list"}""");
            Assert.True(refused.TryGetProperty("error", out _), refused.ToString());
            var (pong, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":60,"method":"ping"}""");
            Assert.True(pong.TryGetProperty("result", out _), pong.ToString());

            using var cancel = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":5,"reason":"test"}}""", session));
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            await server.Registry.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
            // The cancelled request's stream ends without a response (the spec: do not answer a cancelled request).
            var events = await Sse.ReadAllAsync(hungResponse).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.DoesNotContain(events, e => e.Data.Contains("\"id\":5", StringComparison.Ordinal));
        }
        var (ping, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":7,"method":"ping"}""");
        Assert.Equal(JsonValueKind.Object, ping.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Tools_that_throw_sync_or_async_give_error_results_and_the_session_goes_on()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        foreach (var (tool, text) in new[] { ("throw", "boom: the tool failed"), ("throw_async", "async boom") })
        {
            var (response, _) = await server.RequestAsync(session, $$$"""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"{{{tool}}}"}}""");
            var result = response.GetProperty("result");
            Assert.True(result.GetProperty("isError").GetBoolean());
            Assert.Equal(text, result.GetProperty("content")[0].GetProperty("text").GetString());
            Assert.DoesNotContain("Exception", result.ToString(), StringComparison.Ordinal);
        }
        var (ping, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":3,"method":"ping"}""");
        Assert.Equal(JsonValueKind.Object, ping.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Hung_calls_of_several_sessions_share_one_in_flight_byte_budget_and_give_it_back_when_their_sessions_end()
    {
        await using var server = await TestHttpServer.StartAsync(mcp: o => o.MaxInFlightRequestBytes = 100_000);
        string pad = new('p', 40_000);
        string Hang(int id) => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"hang\",\"_meta\":{\"pad\":\"" + pad + "\"}}}";
        string first = await server.InitializeAsync(), second = await server.InitializeAsync();
        using var hungFirst = await server.Client.SendAsync(TestHttpServer.Post(Hang(5), first), HttpCompletionOption.ResponseHeadersRead);
        using var hungSecond = await server.Client.SendAsync(TestHttpServer.Post(Hang(6), second), HttpCompletionOption.ResponseHeadersRead);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Server.InFlightRequestBytes < 80_000 && DateTime.UtcNow < deadline) await Task.Delay(10);

        // A third large call, on either session, is refused at once with its id; the server-wide budget counted both sessions.
        var (refused, _) = await server.RequestAsync(second, Hang(7));
        Assert.Equal(7, refused.GetProperty("id").GetInt32());
        Assert.Equal(-32000, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("MaxInFlightRequestBytes", refused.GetProperty("error").GetProperty("message").GetString());
        var (small, _) = await server.RequestAsync(second, """{"jsonrpc":"2.0","id":8,"method":"tools/list"}""");
        Assert.True(small.TryGetProperty("result", out _), small.ToString());

        foreach (var session in new[] { first, second })
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, "");
            delete.Headers.Add("Mcp-Session-Id", session);
            using var deleted = await server.Client.SendAsync(delete);
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }
        deadline = DateTime.UtcNow.AddSeconds(10);
        while (server.Server.InFlightRequestBytes != 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(0, server.Server.InFlightRequestBytes);
        string third = await server.InitializeAsync();
        var (accepted, _) = await server.RequestAsync(third, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"},\"_meta\":{\"pad\":\"" + pad + pad + "\"}}}");
        Assert.True(accepted.TryGetProperty("result", out _), accepted.ToString());
    }

    [Fact]
    public async Task Deleting_a_session_cancels_its_running_tools()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        var hung = server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"hang"}}""", session), HttpCompletionOption.ResponseHeadersRead);
        using var hungResponse = await hung;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "");
        delete.Headers.Add("Mcp-Session-Id", session);
        using var deleted = await server.Client.SendAsync(delete);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await server.Registry.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Sse.ReadAllAsync(hungResponse).WaitAsync(TimeSpan.FromSeconds(10)); // the stream ends
        Assert.Equal(0, server.Server.SessionCount);
    }

    [Fact]
    public async Task A_client_that_drops_a_stream_and_never_returns_leaves_nothing_behind()
    {
        var store = new InMemoryMcpEventStore();
        await using var server = await TestHttpServer.StartAsync(o => { o.EventStore = store; o.SessionIdleTimeout = TimeSpan.FromSeconds(2); });
        string session = await server.InitializeAsync();
        using (var cts = new CancellationTokenSource())
        {
            var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"slow","arguments":{"ms":200}}}""", session), HttpCompletionOption.ResponseHeadersRead);
            var events = Sse.ReadAsync(response, cts.Token).GetAsyncEnumerator(cts.Token);
            Assert.True(await events.MoveNextAsync());
            cts.Cancel();
            response.Dispose();
        }
        await Task.Delay(400);
        Assert.True(store.Count > 0, "the result waits in the store for a resumption");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((server.Server.SessionCount > 0 || store.Count > 0) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, server.Server.SessionCount);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task User_input_is_never_reflected_into_response_headers()
    {
        await using var server = await TestHttpServer.StartAsync();
        const string marker = "reflected-marker-1234567890";
        using var request = TestHttpServer.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", session: marker, version: "2025-11-25");
        request.Headers.Add("Last-Event-ID", marker);
        request.Headers.Add("X-Custom", marker);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => h.Key + ": " + v)).ToList();
        Assert.DoesNotContain(headers, h => h.Contains(marker, StringComparison.Ordinal));
        using var unsupported = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", version: marker));
        Assert.DoesNotContain(unsupported.Headers.SelectMany(h => h.Value), v => v.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_ids_are_never_logged_in_full()
    {
        var logs = new CapturingLogs();
        string session;
        await using (var server = await TestHttpServer.StartAsync(o => o.SessionIdleTimeout = TimeSpan.FromSeconds(1), logs: logs))
        {
            session = await server.InitializeAsync();
            await server.RequestAsync(session, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"throw"}}""");
            await Task.Delay(2500); // expires (the sweep runs every quarter of the idle timeout)
            string second = await server.InitializeAsync();
            using var delete = new HttpRequestMessage(HttpMethod.Delete, "");
            delete.Headers.Add("Mcp-Session-Id", second);
            (await server.Client.SendAsync(delete)).Dispose();
        }
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains(session[..4] + "…", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(session, StringComparison.Ordinal));
    }
}
