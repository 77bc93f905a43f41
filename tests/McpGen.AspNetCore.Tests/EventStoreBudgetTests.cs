using System.Net;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

/// <summary>Issue 14 item 2: the event store's byte budgets, eviction that never drops silently, and what DELETE and abandonment release.</summary>
public class EventStoreBudgetTests
{
    private static byte[] Bytes(int n) => new byte[n];

    private static HttpRequestMessage Get(string session, string lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Add("Accept", "text/event-stream");
        request.Headers.Add("Mcp-Session-Id", session);
        request.Headers.Add("Last-Event-ID", lastEventId);
        return request;
    }

    [Fact]
    public async Task A_session_over_its_byte_budget_loses_its_oldest_completed_streams_first_then_refuses_resumption_across_a_gap()
    {
        const int overhead = InMemoryMcpEventStore.EventOverheadBytes;
        var store = new InMemoryMcpEventStore(maxBytesPerSession: 3 * (1000 + overhead), maxBytes: 1_000_000);
        await store.StoreAsync("s", "1", Bytes(1000), default);
        await store.StreamCompletedAsync("s", "1");
        await store.StoreAsync("s", "2", Bytes(1000), default);
        await store.StoreAsync("s", "2", Bytes(1000), default); // stream 2 in progress: 3 events in all, at the budget
        Assert.Equal(3 * (1000 + overhead), store.Bytes);
        Assert.NotNull(await store.ReadAfterAsync("s", "1.0", default)); // completed stream 1 still kept (its only event is 1.0)

        await store.StoreAsync("s", "2", Bytes(1000), default); // over: completed stream 1 goes first
        Assert.Null(await store.ReadAfterAsync("s", "1.0", default));
        Assert.Equal(["2.1", "2.2"], (await store.ReadAfterAsync("s", "2.0", default))!.Events.Select(e => e.Id));

        await store.StoreAsync("s", "2", Bytes(1000), default); // over again, nothing completed: the oldest event of stream 2 goes
        Assert.Equal(3 * (1000 + overhead), store.Bytes);
        // 2.0 itself is gone, but resuming after it needs only 2.1 on, which is all there.
        Assert.Equal(["2.1", "2.2", "2.3"], (await store.ReadAfterAsync("s", "2.0", default))!.Events.Select(e => e.Id));

        // An event larger than the whole budget is delivered live only, and nothing before it can be resumed.
        string big = await store.StoreAsync("s", "2", Bytes(10_000), default);
        Assert.Equal("2.4", big);
        Assert.Null(await store.ReadAfterAsync("s", "2.3", default));
        Assert.Equal(0, store.Bytes);
        Assert.Empty((await store.ReadAfterAsync("s", "2.4", default))!.Events); // after it, nothing is missing
    }

    [Fact]
    public async Task The_global_budget_evicts_the_oldest_completed_streams_of_any_session()
    {
        const int overhead = InMemoryMcpEventStore.EventOverheadBytes;
        var store = new InMemoryMcpEventStore(maxBytesPerSession: 1_000_000, maxBytes: 4 * (1000 + overhead));
        for (int session = 0; session < 4; session++)
        {
            await store.StoreAsync("s" + session, "1", Bytes(1000), default);
            await store.StreamCompletedAsync("s" + session, "1");
        }
        await store.StoreAsync("s9", "1", Bytes(1000), default);
        Assert.Equal(4 * (1000 + overhead), store.Bytes);
        Assert.Null(await store.ReadAfterAsync("s0", "1.0", default)); // the oldest completed stream of the store went
        Assert.NotNull(await store.ReadAfterAsync("s1", "1.0", default));
        Assert.NotNull(await store.ReadAfterAsync("s9", "1.0", default));
        await store.RemoveSessionAsync("s1");
        Assert.Equal(3 * (1000 + overhead), store.Bytes);
    }

    [Fact]
    public async Task Resuming_a_stream_whose_events_were_evicted_gets_404_with_a_clear_message()
    {
        await using var server = await TestHttpServer.StartAsync(o => { o.MaxEventBytesPerSession = 3000; });
        string session = await server.InitializeAsync();
        var (first, events) = await server.RequestAsync(session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"" + new string('a', 1500) + "\"}}}");
        Assert.Equal(2, first.GetProperty("id").GetInt32());
        string priming = events[0].Id!;
        // The next big response pushes the first (completed) stream out of the session's budget.
        await server.RequestAsync(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"" + new string('b', 1500) + "\"}}}");
        using var resumed = await server.Client.SendAsync(Get(session, priming));
        Assert.Equal(HttpStatusCode.NotFound, resumed.StatusCode);
        var body = JsonDocument.Parse(await resumed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(-32600, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Not Found: the events after this Last-Event-ID are no longer kept (the event store's limits evicted them); this stream cannot be resumed, send the request again.",
            body.GetProperty("error").GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Events_of_a_request_still_running_at_delete_are_not_kept_afterwards()
    {
        var store = new InMemoryMcpEventStore();
        await using var server = await TestHttpServer.StartAsync(o => o.EventStore = store);
        string session = await server.InitializeAsync();
        var slow = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"slow","arguments":{"ms":500}}}""", session), HttpCompletionOption.ResponseHeadersRead);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "");
        delete.Headers.Add("Mcp-Session-Id", session);
        using (var deleted = await server.Client.SendAsync(delete))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Sse.ReadAllAsync(slow).WaitAsync(TimeSpan.FromSeconds(10));
        slow.Dispose();
        await Task.Delay(1000); // past the slow tool's end, whether it was cancelled or not
        Assert.Equal(0, store.Count);
        Assert.Equal(0, store.Bytes);
    }

    [Fact]
    public async Task A_hung_call_whose_client_left_and_did_not_resume_is_cancelled_and_frees_its_slot()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.AbandonedRequestTimeout = TimeSpan.FromSeconds(1), mcp: o => o.MaxInFlightRequestsPerSession = 1);
        string session = await server.InitializeAsync();
        using (var cts = new CancellationTokenSource())
        {
            var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"hang"}}""", session), HttpCompletionOption.ResponseHeadersRead);
            var events = Sse.ReadAsync(response, cts.Token).GetAsyncEnumerator(cts.Token);
            Assert.True(await events.MoveNextAsync()); // priming: the call is running
            cts.Cancel();
            response.Dispose(); // the client goes away
        }
        await server.Registry.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var (ping, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":6,"method":"ping"}""");
        Assert.Equal(6, ping.GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Object, ping.GetProperty("result").ValueKind); // the slot is free again
    }

    [Fact]
    public async Task A_client_that_resumes_in_time_keeps_its_call_running()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.AbandonedRequestTimeout = TimeSpan.FromSeconds(2));
        string session = await server.InitializeAsync();
        string priming;
        var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"wait"}}""", session), HttpCompletionOption.ResponseHeadersRead);
        using (var cts = new CancellationTokenSource())
        {
            var events = Sse.ReadAsync(response, cts.Token).GetAsyncEnumerator(cts.Token);
            Assert.True(await events.MoveNextAsync());
            priming = events.Current.Id!;
            cts.Cancel();
            response.Dispose();
        }
        using var resumed = await server.Client.SendAsync(Get(session, priming), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var pending = Sse.ReadAllAsync(resumed);
        await Task.Delay(TimeSpan.FromSeconds(4)); // twice the timeout, attached all along
        Assert.False(server.Registry.HangCancelled.Task.IsCompleted);
        server.Registry.Gate.SetResult();
        var replay = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("released", replay.Single(e => e.Data.Length > 0).Data);
    }
}
