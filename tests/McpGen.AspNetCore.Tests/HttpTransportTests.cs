using System.Net;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

public class HttpTransportTests
{
    [Fact]
    public async Task Initialize_opens_a_session_with_an_unguessable_id_and_a_primed_stream()
    {
        await using var server = await TestHttpServer.StartAsync();
        using var response = await server.Client.SendAsync(TestHttpServer.Post(TestHttpServer.InitializeBody), HttpCompletionOption.ResponseHeadersRead);
        string id = response.Headers.GetValues("Mcp-Session-Id").Single();
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id); // 128 random bits, base64url
        var events = await Sse.ReadAllAsync(response);
        Assert.Equal("", events[0].Data);      // priming: id, retry, empty data
        Assert.NotNull(events[0].Id);
        Assert.Equal(1000, events[0].Retry);
        Assert.Equal("message", events[1].Name);
        Assert.StartsWith(events[0].Id!.Split('.')[0] + ".", events[1].Id); // event ids encode their stream
        var result = JsonDocument.Parse(events[1].Data).RootElement.GetProperty("result");
        Assert.Equal("2025-11-25", result.GetProperty("protocolVersion").GetString());
        Assert.NotEqual(id, (await server.Client.SendAsync(TestHttpServer.Post(TestHttpServer.InitializeBody))).Headers.GetValues("Mcp-Session-Id").Single());
    }

    [Fact]
    public async Task Notifications_and_responses_get_202_with_no_body()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":999,"result":{}}""", session));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_need_a_live_session()
    {
        await using var server = await TestHttpServer.StartAsync();
        using var missing = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var unknown = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", "no-such-session"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("-32600", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Calls_a_tool_on_the_request_stream()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        var (response, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":"x","method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}""");
        Assert.Equal("5", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Progress_and_logs_go_out_on_the_request_stream_before_the_response()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        var (_, events) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"progress","_meta":{"progressToken":3}}}""");
        var methods = events.Where(e => e.Data.Length > 0).Select(e => JsonDocument.Parse(e.Data).RootElement).Select(m => m.TryGetProperty("method", out var me) ? me.GetString() : "response").ToList();
        Assert.Equal(["notifications/progress", "notifications/progress", "notifications/progress", "notifications/progress", "response"], methods);
    }

    [Fact]
    public async Task Elicitation_goes_out_on_the_request_stream_and_the_answer_comes_back_in_another_post()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"elicit"}}""", session), HttpCompletionOption.ResponseHeadersRead);
        var events = Sse.ReadAsync(response).GetAsyncEnumerator();
        JsonElement request = default;
        while (await events.MoveNextAsync())
        {
            if (events.Current.Data.Length == 0) continue;
            request = JsonDocument.Parse(events.Current.Data).RootElement.Clone();
            break;
        }
        Assert.Equal("elicitation/create", request.GetProperty("method").GetString());
        using var answer = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":""" + request.GetProperty("id").GetRawText() + ""","result":{"action":"accept","content":{"name":"Ada"}}}""", session));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("Accept:Ada", JsonDocument.Parse(events.Current.Data).RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Requests_of_one_session_run_concurrently()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        var waiting = server.RequestAsync(session, """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"wait"}}""");
        var (added, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":1}}}""");
        Assert.Equal("2", added.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(waiting.IsCompleted);
        server.Registry.Gate.SetResult();
        Assert.Equal("released", (await waiting).Response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Json_response_mode_answers_with_one_json_body()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.JsonResponses = true);
        using var init = await server.Client.SendAsync(TestHttpServer.Post(TestHttpServer.InitializeBody, accept: "application/json"));
        Assert.Equal("application/json", init.Content.Headers.ContentType?.MediaType);
        string session = init.Headers.GetValues("Mcp-Session-Id").Single();
        using var call = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22}}}""", session, accept: "application/json"));
        var body = JsonDocument.Parse(await call.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("42", body.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Stateless_mode_needs_no_session()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.Stateless = true);
        using var init = await server.Client.SendAsync(TestHttpServer.Post(TestHttpServer.InitializeBody), HttpCompletionOption.ResponseHeadersRead);
        Assert.False(init.Headers.Contains("Mcp-Session-Id"));
        using var call = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}"""), HttpCompletionOption.ResponseHeadersRead);
        var events = await Sse.ReadAllAsync(call);
        Assert.Contains("\"text\":\"3\"", events.Last().Data);
        using var sample = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"sample"}}"""), HttpCompletionOption.ResponseHeadersRead);
        Assert.Contains("isError", (await Sse.ReadAllAsync(sample)).Last().Data); // no session: no server-to-client requests
        using var get = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "") { Headers = { { "Accept", "text/event-stream" } } });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(["POST"], get.Content.Headers.Allow); // only POST is served
        using var delete = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, ""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
    }

    [Fact]
    public async Task Stateless_streams_cannot_be_resumed_so_they_are_never_closed_early()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.Stateless = true);
        using var call = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"close_stream"}}"""), HttpCompletionOption.ResponseHeadersRead);
        var events = await Sse.ReadAllAsync(call);
        Assert.Contains("\"text\":\"closed:False\"", events.Last().Data);
        Assert.Contains("\"id\":4", events.Last().Data);
    }

    [Fact]
    public async Task Stateful_streams_close_early_and_the_result_arrives_on_resumption()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var call = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"close_stream"}}""", session), HttpCompletionOption.ResponseHeadersRead);
        var events = await Sse.ReadAllAsync(call);
        Assert.DoesNotContain(events, e => e.Data.Contains("\"id\":5", StringComparison.Ordinal));
        string last = events.Last(e => e.Id is not null).Id!;
        var resume = new HttpRequestMessage(HttpMethod.Get, "") { Headers = { { "Accept", "text/event-stream" }, { "Mcp-Session-Id", session }, { "Last-Event-ID", last } } };
        using var resumed = await server.Client.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        var replay = await Sse.ReadAllAsync(resumed);
        Assert.Contains(replay, e => e.Data.Contains("\"text\":\"closed:True\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_ends_the_session()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var delete = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "") { Headers = { { "Mcp-Session-Id", session } } });
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        using var after = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"ping"}""", session));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Empty(server.Server.Sessions);
    }

    [Theory]
    [InlineData("2025-03-26", HttpStatusCode.OK)]
    [InlineData("2025-11-25", HttpStatusCode.OK)]
    [InlineData("1999-01-01", HttpStatusCode.BadRequest)]
    public async Task Any_supported_protocol_version_header_is_accepted(string version, HttpStatusCode expected)
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        using var response = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"ping"}""", session, version: version), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(expected, response.StatusCode);
    }
}
