using System.Net;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

public class HttpStreamTests
{
    private static HttpRequestMessage Get(string session, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Add("Accept", "text/event-stream");
        request.Headers.Add("Mcp-Session-Id", session);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return request;
    }

    [Fact]
    public async Task The_standalone_stream_carries_list_changes_and_only_one_may_be_open()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var get = await server.Client.SendAsync(Get(session), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var events = Sse.ReadAsync(get).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("", events.Current.Data); // priming
        using var second = await server.Client.SendAsync(Get(session));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        server.Server.Tools.Add(McpTool.Create("late", """{"type":"object"}""", static (_, _) => default, description: "Late."));
        Assert.True(await events.MoveNextAsync());
        Assert.Contains("notifications/tools/list_changed", events.Current.Data);
    }

    [Fact]
    public async Task A_dropped_request_stream_resumes_with_last_event_id_even_while_a_standalone_stream_is_open()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var standalone = await server.Client.SendAsync(Get(session), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, standalone.StatusCode);

        // Start a slow call, read only its priming event, then drop the connection.
        string primingId;
        using (var cts = new CancellationTokenSource())
        {
            var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"slow","arguments":{"ms":300}}}""", session), HttpCompletionOption.ResponseHeadersRead);
            var events = Sse.ReadAsync(response, cts.Token).GetAsyncEnumerator(cts.Token);
            Assert.True(await events.MoveNextAsync());
            primingId = events.Current.Id!;
            cts.Cancel();
            response.Dispose();
        }

        await Task.Delay(600); // the tool finishes while nobody listens
        using var resumed = await server.Client.SendAsync(Get(session, primingId), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var replay = await Sse.ReadAllAsync(resumed);
        var result = JsonDocument.Parse(replay.Single(e => e.Data.Length > 0).Data).RootElement;
        Assert.Equal(7, result.GetProperty("id").GetInt32());
        Assert.Equal("done", result.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Resuming_a_live_stream_delivers_what_comes_next()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        string primingId;
        var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"wait"}}""", session), HttpCompletionOption.ResponseHeadersRead);
        using (var cts = new CancellationTokenSource())
        {
            var events = Sse.ReadAsync(response, cts.Token).GetAsyncEnumerator(cts.Token);
            Assert.True(await events.MoveNextAsync());
            primingId = events.Current.Id!;
            cts.Cancel();
            response.Dispose();
        }
        using var resumed = await server.Client.SendAsync(Get(session, primingId), HttpCompletionOption.ResponseHeadersRead);
        var pending = Sse.ReadAllAsync(resumed);
        await Task.Delay(200);
        Assert.False(pending.IsCompleted);
        server.Registry.Gate.SetResult();
        var events2 = await pending;
        Assert.Contains("released", events2.Single(e => e.Data.Length > 0).Data);
    }

    [Fact]
    public async Task An_unknown_last_event_id_is_not_found()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var response = await server.Client.SendAsync(Get(session, "999.1"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_event_store_keeps_a_bounded_number_of_events_per_stream()
    {
        var store = new InMemoryMcpEventStore(maxEventsPerStream: 3);
        for (int i = 0; i < 10; i++) await store.StoreAsync("s", "1", new byte[] { (byte)i }, default);
        Assert.Equal(3, store.Count);
        // Resuming from 1.0 would skip the dropped 1.1 to 1.6: refused, never a silent gap. From 1.6 on nothing is missing.
        Assert.Null(await store.ReadAfterAsync("s", "1.0", default));
        var after = await store.ReadAfterAsync("s", "1.6", default);
        Assert.Equal(["1.7", "1.8", "1.9"], after!.Events.Select(e => e.Id));
        Assert.Null(await store.ReadAfterAsync("other-session", "1.0", default));
        await store.RemoveSessionAsync("s");
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task The_event_store_keeps_the_last_completed_streams_of_a_session_and_every_stream_in_progress()
    {
        var store = new InMemoryMcpEventStore(maxEventsPerStream: 10, maxCompletedStreamsPerSession: 2);
        await store.StoreAsync("s", "live", new byte[] { 1 }, default);
        for (int i = 1; i <= 5; i++)
        {
            await store.StoreAsync("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture), new byte[] { 2 }, default);
            await store.StreamCompletedAsync("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await store.StreamCompletedAsync("s", "5"); // twice is harmless
        Assert.Null(await store.ReadAfterAsync("s", "3.0", default));
        Assert.NotNull(await store.ReadAfterAsync("s", "4.0", default));
        Assert.NotNull(await store.ReadAfterAsync("s", "5.0", default));
        Assert.NotNull(await store.ReadAfterAsync("s", "live.0", default));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task A_long_session_does_not_grow_the_event_store_without_end()
    {
        var store = new InMemoryMcpEventStore(maxEventsPerStream: 100, maxCompletedStreamsPerSession: 8);
        await using var server = await TestHttpServer.StartAsync(o => o.EventStore = store);
        string session = await server.InitializeAsync();
        for (int i = 0; i < 50; i++) await server.RequestAsync(session, $$"""{"jsonrpc":"2.0","id":{{i + 10}},"method":"ping"}""");
        // The initialize stream, 50 ping streams: each had a priming event and a response; only the last 8 completed remain.
        Assert.True(store.Count <= 8 * 2 + 1, $"{store.Count} events kept");
    }
}
