using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpGen.AspNetCore.Tests;

/// <summary>
/// Revision 2026-07-28 on the same endpoint as sessions, over a real Kestrel: every refusal with the spec's code, HTTP
/// status and the request's id; MRTR state that cannot be forged or replayed; listen streams; nothing of a modern
/// request reaches a legacy session.
/// </summary>
public sealed class PerRequestEraTests
{
    private const string Version = "2026-07-28";
    private static int s_nextId = 100;

    private static JsonObject Meta(string version = Version, object? capabilities = null) => new()
    {
        ["io.modelcontextprotocol/protocolVersion"] = version,
        ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "t", ["version"] = "1" },
        ["io.modelcontextprotocol/clientCapabilities"] = JsonSerializer.SerializeToNode(capabilities ?? new { elicitation = new { } }),
    };

    /// <summary>A modern POST: body with _meta, and the headers a conforming client sends (each can be overridden or dropped with null).</summary>
    private static HttpRequestMessage Post(string method, JsonObject? @params, int id, JsonObject? meta = null, Dictionary<string, string?>? headers = null)
    {
        @params = @params?.DeepClone().AsObject() ?? [];
        if (meta is not null) @params["_meta"] = meta;
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = @params };
        var request = TestHttpServer.Post(body.ToJsonString());
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["MCP-Protocol-Version"] = Version, ["Mcp-Method"] = method };
        if (@params["name"] is JsonValue name) all["Mcp-Name"] = name.ToString();
        if (@params["uri"] is JsonValue uri) all["Mcp-Name"] = uri.ToString();
        foreach (var (k, v) in headers ?? []) all[k] = v;
        foreach (var (k, v) in all) if (v is not null) request.Headers.TryAddWithoutValidation(k, v);
        return request;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(TestHttpServer server, HttpRequestMessage request)
    {
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        string text;
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            text = (await Sse.ReadAllAsync(response)).Last(e => e.Data.Length > 0).Data;
        else
            text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static void AssertError(JsonElement body, int id, int code)
    {
        Assert.Equal(id, body.GetProperty("id").GetInt32());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Discover_and_lists_carry_result_type_server_info_and_caching_hints()
    {
        await using var server = await TestHttpServer.StartAsync();
        var (status, discover) = await SendAsync(server, Post("server/discover", null, 1, Meta()));
        Assert.Equal(HttpStatusCode.OK, status);
        var result = discover.GetProperty("result");
        Assert.Equal("complete", result.GetProperty("resultType").GetString());
        Assert.Equal([Version], result.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()!));
        Assert.True(result.GetProperty("capabilities").GetProperty("tools").GetProperty("listChanged").GetBoolean());
        Assert.Equal(JsonValueKind.Object, result.GetProperty("capabilities").GetProperty("extensions").ValueKind);
        Assert.Equal("http-test", result.GetProperty("_meta").GetProperty("io.modelcontextprotocol/serverInfo").GetProperty("name").GetString());
        Assert.Equal(0, result.GetProperty("ttlMs").GetInt64());
        Assert.Equal("public", result.GetProperty("cacheScope").GetString());

        var (_, tools) = await SendAsync(server, Post("tools/list", null, 2, Meta()));
        Assert.Equal("complete", tools.GetProperty("result").GetProperty("resultType").GetString());
        Assert.Equal("public", tools.GetProperty("result").GetProperty("cacheScope").GetString());
        var (_, call) = await SendAsync(server, Post("tools/call", new JsonObject { ["name"] = "add", ["arguments"] = new JsonObject { ["a"] = 2, ["b"] = 3 } }, 3, Meta()));
        Assert.Equal("5", call.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("complete", call.GetProperty("result").GetProperty("resultType").GetString());
        Assert.False(call.GetProperty("result").TryGetProperty("ttlMs", out _)); // not a cacheable result
        Assert.Empty(server.Server.Sessions); // no session was made for any of it
    }

    [Theory]
    [InlineData("missing-meta")]
    [InlineData("missing-capabilities")]
    [InlineData("unsupported-version")]
    [InlineData("header-mismatch")]
    [InlineData("header-missing")]
    [InlineData("method-header-mismatch")]
    [InlineData("name-header-missing")]
    [InlineData("ping")]
    [InlineData("initialize")]
    [InlineData("subscribe")]
    public async Task Every_refusal_has_the_spec_code_status_and_the_request_id(string kind)
    {
        await using var server = await TestHttpServer.StartAsync();
        int id = Interlocked.Increment(ref s_nextId);
        var tool = new JsonObject { ["name"] = "add", ["arguments"] = new JsonObject { ["a"] = 1, ["b"] = 1 } };
        var (request, status, code) = kind switch
        {
            "missing-meta" => (Post("tools/list", null, id), HttpStatusCode.BadRequest, -32602),
            "missing-capabilities" => (Post("tools/list", null, id, new JsonObject { ["io.modelcontextprotocol/protocolVersion"] = Version }), HttpStatusCode.BadRequest, -32602),
            "unsupported-version" => (Post("tools/list", null, id, Meta("2099-01-01"), new() { ["MCP-Protocol-Version"] = "2099-01-01" }), HttpStatusCode.BadRequest, -32022),
            "header-mismatch" => (Post("tools/list", null, id, Meta(), new() { ["MCP-Protocol-Version"] = "2025-11-25" }), HttpStatusCode.BadRequest, -32020),
            "header-missing" => (Post("tools/list", null, id, Meta(), new() { ["MCP-Protocol-Version"] = null }), HttpStatusCode.BadRequest, -32020),
            "method-header-mismatch" => (Post("tools/list", null, id, Meta(), new() { ["Mcp-Method"] = "prompts/list" }), HttpStatusCode.BadRequest, -32020),
            "name-header-missing" => (Post("tools/call", tool, id, Meta(), new() { ["Mcp-Name"] = null }), HttpStatusCode.BadRequest, -32020),
            "ping" => (Post("ping", null, id, Meta()), HttpStatusCode.NotFound, -32601),
            "initialize" => (Post("initialize", new JsonObject { ["protocolVersion"] = "2025-11-25", ["capabilities"] = new JsonObject(), ["clientInfo"] = new JsonObject { ["name"] = "x", ["version"] = "1" } }, id, Meta()), HttpStatusCode.NotFound, -32601),
            _ => (Post("resources/subscribe", new JsonObject { ["uri"] = "test://static" }, id, Meta()), HttpStatusCode.NotFound, -32601),
        };
        var (actualStatus, body) = await SendAsync(server, request);
        Assert.Equal(status, actualStatus);
        AssertError(body, id, code);
        if (kind == "unsupported-version")
        {
            var data = body.GetProperty("error").GetProperty("data");
            Assert.Equal("2099-01-01", data.GetProperty("requested").GetString());
            Assert.Contains(Version, data.GetProperty("supported").EnumerateArray().Select(v => v.GetString()));
        }
        Assert.Empty(server.Server.Sessions);
    }

    [Fact]
    public async Task Base64_sentinel_names_are_decoded_before_the_comparison()
    {
        await using var server = await TestHttpServer.StartAsync();
        var tool = new JsonObject { ["name"] = "add", ["arguments"] = new JsonObject { ["a"] = 1, ["b"] = 1 } };
        string encoded = "=?base64?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("add")) + "?=";
        var (status, body) = await SendAsync(server, Post("tools/call", tool, 7, Meta(), new() { ["Mcp-Name"] = encoded }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2", body.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        var (badStatus, bad) = await SendAsync(server, Post("tools/call", tool, 8, Meta(), new() { ["Mcp-Name"] = "=?base64?" + Convert.ToBase64String("echo"u8.ToArray()) + "?=" }));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        AssertError(bad, 8, -32020);
    }

    [Fact]
    public async Task Undeclared_capability_is_minus_32021_with_the_capability_named()
    {
        await using var server = await TestHttpServer.StartAsync();
        var (status, body) = await SendAsync(server, Post("tools/call", new JsonObject { ["name"] = "elicit" }, 9, Meta(capabilities: new { })));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertError(body, 9, -32021);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("error").GetProperty("data").GetProperty("requiredCapabilities").GetProperty("elicitation").ValueKind);
    }

    private static async Task<JsonElement> ElicitRoundOneAsync(TestHttpServer server, JsonObject? meta = null)
    {
        var (status, first) = await SendAsync(server, Post("tools/call", new JsonObject { ["name"] = "elicit" }, 20, meta ?? Meta()));
        Assert.Equal(HttpStatusCode.OK, status);
        var result = first.GetProperty("result");
        Assert.Equal("input_required", result.GetProperty("resultType").GetString());
        Assert.Equal("elicitation/create", result.GetProperty("inputRequests").GetProperty("input-1").GetProperty("method").GetString());
        Assert.False(result.TryGetProperty("ttlMs", out _));
        return result;
    }

    private static JsonObject Answer(string name) => new() { ["input-1"] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["name"] = name } } };

    [Fact]
    public async Task Mrtr_elicitation_round_trip_reruns_the_same_tool_code()
    {
        await using var server = await TestHttpServer.StartAsync();
        var first = await ElicitRoundOneAsync(server);
        var retry = new JsonObject { ["name"] = "elicit", ["inputResponses"] = Answer("Ada"), ["requestState"] = first.GetProperty("requestState").GetString() };
        var (_, second) = await SendAsync(server, Post("tools/call", retry, 21, Meta()));
        Assert.Equal("Accept:Ada", second.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("complete", second.GetProperty("result").GetProperty("resultType").GetString());
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("other-tool")]
    [InlineData("other-arguments")]
    [InlineData("garbage")]
    public async Task A_forged_or_replayed_request_state_never_reaches_the_handler(string how)
    {
        await using var server = await TestHttpServer.StartAsync();
        string state = (await ElicitRoundOneAsync(server)).GetProperty("requestState").GetString()!;
        int id = Interlocked.Increment(ref s_nextId);
        var @params = how switch
        {
            "tampered" => new JsonObject { ["name"] = "elicit", ["requestState"] = state[..^2] + (state[^2] == 'A' ? "B" : "A") + state[^1] },
            "other-tool" => new JsonObject { ["name"] = "elicit_choices", ["requestState"] = state },
            "other-arguments" => new JsonObject { ["name"] = "elicit", ["arguments"] = new JsonObject { ["x"] = 1 }, ["requestState"] = state },
            _ => new JsonObject { ["name"] = "elicit", ["requestState"] = "not-a-state" },
        };
        @params["inputResponses"] = Answer("Mallory");
        var (status, body) = await SendAsync(server, Post("tools/call", @params, id, Meta()));
        Assert.Equal(HttpStatusCode.OK, status);
        AssertError(body, id, -32602);
        Assert.Contains("requestState", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_state_sealed_by_another_key_ring_is_refused()
    {
        await using var issuer = await TestHttpServer.StartAsync();
        await using var other = await TestHttpServer.StartAsync();
        string state = (await ElicitRoundOneAsync(issuer)).GetProperty("requestState").GetString()!;
        var (_, body) = await SendAsync(other, Post("tools/call", new JsonObject { ["name"] = "elicit", ["inputResponses"] = Answer("Ada"), ["requestState"] = state }, 30, Meta()));
        AssertError(body, 30, -32602);
        Assert.Contains("key", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instances_sharing_a_key_ring_open_each_others_state()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        Action<McpServerOptions> shared = o => o.RequestStateProtector = new McpRequestStateProtector([key], TimeSpan.FromMinutes(5));
        await using var first = await TestHttpServer.StartAsync(mcp: shared);
        await using var second = await TestHttpServer.StartAsync(mcp: shared);
        string state = (await ElicitRoundOneAsync(first)).GetProperty("requestState").GetString()!;
        var (_, body) = await SendAsync(second, Post("tools/call", new JsonObject { ["name"] = "elicit", ["inputResponses"] = Answer("Ada"), ["requestState"] = state }, 31, Meta()));
        Assert.Equal("Accept:Ada", body.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_modern_request_with_a_live_session_id_does_not_touch_the_session()
    {
        await using var server = await TestHttpServer.StartAsync();
        string session = await server.InitializeAsync();
        var legacy = server.Server.FindSession(session)!;
        var (_, body) = await SendAsync(server, Post("tools/call", new JsonObject { ["name"] = "elicit" }, 40, Meta(), new() { ["Mcp-Session-Id"] = session }));
        Assert.Equal("input_required", body.GetProperty("result").GetProperty("resultType").GetString()); // served per request, not as a session request
        Assert.Equal(0, legacy.InFlightRequests);
        var (ping, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":41,"method":"ping"}""");
        Assert.Equal(JsonValueKind.Object, ping.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Listen_acknowledges_the_honoured_filter_and_delivers_only_what_was_asked()
    {
        await using var server = await TestHttpServer.StartAsync();
        var filter = new JsonObject
        {
            ["notifications"] = new JsonObject { ["toolsListChanged"] = true, ["promptsListChanged"] = true, ["resourceSubscriptions"] = new JsonArray("test://watched"), ["bogus"] = true },
        };
        using var response = await server.Client.SendAsync(Post("subscriptions/listen", filter, 50, Meta()), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        await using var events = Sse.ReadAsync(response).GetAsyncEnumerator();
        var ack = await NextMessageAsync(events);
        Assert.Equal("notifications/subscriptions/acknowledged", ack.GetProperty("method").GetString());
        Assert.Equal(50, ack.GetProperty("params").GetProperty("_meta").GetProperty("io.modelcontextprotocol/subscriptionId").GetInt32());
        var honoured = ack.GetProperty("params").GetProperty("notifications");
        Assert.True(honoured.GetProperty("toolsListChanged").GetBoolean());
        Assert.True(honoured.GetProperty("promptsListChanged").GetBoolean());
        Assert.False(honoured.TryGetProperty("bogus", out _));

        await server.Server.NotifyResourceUpdatedAsync("test://other"); // not asked for: never delivered
        server.Server.Tools.Add(McpTool.Create("late_tool", """{"type":"object"}""", static (_, _) => new(Protocol.CallToolResult.FromText("late"))));
        var changed = await NextMessageAsync(events);
        Assert.Equal("notifications/tools/list_changed", changed.GetProperty("method").GetString());
        Assert.Equal(50, changed.GetProperty("params").GetProperty("_meta").GetProperty("io.modelcontextprotocol/subscriptionId").GetInt32());
        await server.Server.NotifyResourceUpdatedAsync("test://watched");
        var updated = await NextMessageAsync(events);
        Assert.Equal("notifications/resources/updated", updated.GetProperty("method").GetString());
        Assert.Equal("test://watched", updated.GetProperty("params").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task Closing_a_listen_stream_cancels_it_and_the_server_lets_go()
    {
        await using var server = await TestHttpServer.StartAsync();
        var bus = (InMemoryMcpChangeBus)server.Server.ChangeBus;
        int before = bus.ListenerCount;
        var response = await server.Client.SendAsync(Post("subscriptions/listen", new JsonObject { ["notifications"] = new JsonObject { ["toolsListChanged"] = true } }, 60, Meta()), HttpCompletionOption.ResponseHeadersRead);
        await using (var events = Sse.ReadAsync(response).GetAsyncEnumerator())
            Assert.Equal("notifications/subscriptions/acknowledged", (await NextMessageAsync(events)).GetProperty("method").GetString());
        Assert.Equal(before + 1, bus.ListenerCount);
        response.Dispose(); // the client closes the stream
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (bus.ListenerCount != before && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(before, bus.ListenerCount);
    }

    private static async Task<JsonElement> NextMessageAsync(IAsyncEnumerator<Sse.Event> events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(timeout.Token), "the stream ended");
            if (events.Current.Data.Length > 0) return JsonDocument.Parse(events.Current.Data).RootElement.Clone();
        }
    }
}
