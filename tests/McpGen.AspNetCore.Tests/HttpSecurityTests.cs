using System.Net;
using System.Text;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

public class HttpSecurityTests
{
    [Theory]
    [InlineData("evil.example.com", null)]
    [InlineData("127.0.0.1", "http://evil.example.com")]
    [InlineData("localhost.evil.com", null)]
    public async Task Foreign_host_or_origin_is_refused_before_any_mcp_processing(string host, string? origin)
    {
        await using var server = await TestHttpServer.StartAsync();
        var request = TestHttpServer.Post(TestHttpServer.InitializeBody);
        request.Headers.Host = host;
        if (origin is not null) request.Headers.Add("Origin", origin);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(-32000, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Empty(server.Server.Sessions);
    }

    [Fact]
    public async Task Loopback_hosts_with_ports_and_origins_are_accepted()
    {
        await using var server = await TestHttpServer.StartAsync();
        foreach (var (host, origin) in new[] { ("localhost:1234", "http://localhost:1234"), ("127.0.0.1:80", (string?)null), ("[::1]:8080", "http://[::1]:8080") })
        {
            var request = TestHttpServer.Post(TestHttpServer.InitializeBody);
            request.Headers.Host = host;
            if (origin is not null) request.Headers.Add("Origin", origin);
            using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Configured_hosts_are_allowed_and_star_turns_the_check_off()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.AllowedHosts.Add("mcp.example.com"));
        var request = TestHttpServer.Post(TestHttpServer.InitializeBody);
        request.Headers.Host = "mcp.example.com";
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var open = await TestHttpServer.StartAsync(o => o.AllowedHosts.Add("*"));
        var anyHost = TestHttpServer.Post(TestHttpServer.InitializeBody);
        anyHost.Headers.Host = "anything.example";
        using var ok = await open.Client.SendAsync(anyHost, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Wrong_content_type_accept_size_and_json_get_http_errors_and_other_sessions_go_on()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.MaxRequestBodyBytes = 10_000);
        string session = await server.InitializeAsync();
        using (var r = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"ping"}""", session, contentType: "text/plain")))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, r.StatusCode);
        using (var r = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"ping"}""", session, accept: "application/json")))
            Assert.Equal(HttpStatusCode.NotAcceptable, r.StatusCode);
        using (var r = await server.Client.SendAsync(TestHttpServer.Post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"pad\":\"" + new string('x', 20_000) + "\"}}", session)))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        using (var r = await server.Client.SendAsync(TestHttpServer.Post("{not json", session)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(-32700, body.GetProperty("error").GetProperty("code").GetInt32());
            Assert.False(body.TryGetProperty("id", out _)); // unreadable id: no member (2025-11-25 makes it optional)
        }
        using (var r = await server.Client.SendAsync(TestHttpServer.Post("[]", session)))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        // Accept in either order, with parameters, is fine.
        using (var r = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":3,"method":"ping"}""", session, accept: "text/event-stream;q=0.9, application/json"), HttpCompletionOption.ResponseHeadersRead))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var (ping, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":4,"method":"ping"}""");
        Assert.Equal("{}", ping.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task Idle_sessions_expire_and_the_session_cap_is_enforced()
    {
        await using var server = await TestHttpServer.StartAsync(o => { o.SessionIdleTimeout = TimeSpan.FromMilliseconds(400); o.MaxSessions = 2; });
        string first = await server.InitializeAsync();
        await server.InitializeAsync();
        using (var third = await server.Client.SendAsync(TestHttpServer.Post(TestHttpServer.InitializeBody)))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        await Task.Delay(1500);
        using (var expired = await server.Client.SendAsync(TestHttpServer.Post("""{"jsonrpc":"2.0","id":2,"method":"ping"}""", first)))
            Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        await server.InitializeAsync(); // room again
    }

    [Fact]
    public async Task A_busy_session_does_not_expire()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.SessionIdleTimeout = TimeSpan.FromMilliseconds(300));
        string session = await server.InitializeAsync();
        var slow = server.RequestAsync(session, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"slow","arguments":{"ms":1200}}}""");
        var (response, _) = await slow;
        Assert.Equal("done", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }
}
