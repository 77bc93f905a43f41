using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

/// <summary>Issue 14 item 3: one user (or one anonymous client address) cannot take every session.</summary>
public class SessionCapTests
{
    private static async Task<HttpResponseMessage> InitializeAsync(HttpClient client, string? token = null)
    {
        var request = TestHttpServer.Post(TestHttpServer.InitializeBody);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string expectedMessage)
    {
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("id").GetInt32());
        Assert.Equal(-32000, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(expectedMessage, body.GetProperty("error").GetProperty("message").GetString());
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task A_user_at_its_cap_gets_429_while_another_user_still_gets_a_session()
    {
        await using var issuer = await TestAuthorizationServer.StartAsync();
        await using var server = await TestHttpServer.StartAsync(http =>
        {
            http.MaxSessionsPerUser = 3;
            http.Authorization = new McpAuthorizationOptions { TokenValidator = new JwtTokenValidator(new Uri(issuer.Issuer)) };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
        });
        string audience = server.Endpoint.OriginalString;
        string alice = issuer.Token(audience, subject: "alice"), bob = issuer.Token(audience, subject: "bob");
        var sessions = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            using var ok = await InitializeAsync(server.Client, alice);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            sessions.Add(ok.Headers.GetValues("Mcp-Session-Id").Single());
        }
        // A second token of the same user counts against the same cap.
        using (var refused = await InitializeAsync(server.Client, issuer.Token(audience, subject: "alice", scope: "other")))
            await AssertRefusedAsync(refused, "Too Many Requests: this user already has 3 sessions, the most allowed; end one (DELETE) or let one expire.");
        using (var other = await InitializeAsync(server.Client, bob))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(4, server.Server.SessionCount);

        // Ending one gives its place back.
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "");
        delete.Headers.Add("Mcp-Session-Id", sessions[0]);
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", alice);
        using (var deleted = await server.Client.SendAsync(delete))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using (var again = await InitializeAsync(server.Client, alice))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x address reaches a listener on 127.0.0.1).</summary>
    private static HttpClient ClientFrom(IPAddress source, Uri endpoint) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task An_anonymous_client_address_at_its_cap_gets_429_while_another_address_still_gets_a_session()
    {
        await using var server = await TestHttpServer.StartAsync(http => { http.MaxSessionsPerClientAddress = 2; http.LimitLoopbackClients = true; });
        using var first = ClientFrom(IPAddress.Parse("127.0.0.1"), server.Endpoint);
        using var second = ClientFrom(IPAddress.Parse("127.0.0.2"), server.Endpoint);
        for (int i = 0; i < 2; i++)
        {
            using var ok = await InitializeAsync(first);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using (var refused = await InitializeAsync(first))
            await AssertRefusedAsync(refused, "Too Many Requests: this client address already has 2 sessions, the most allowed; end one (DELETE) or let one expire.");
        using (var other = await InitializeAsync(second))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(3, server.Server.SessionCount);
    }

    [Fact]
    public async Task Loopback_clients_are_not_capped_per_address_by_default_and_expired_sessions_free_their_place()
    {
        await using (var server = await TestHttpServer.StartAsync(http => http.MaxSessionsPerClientAddress = 2))
        {
            for (int i = 0; i < 3; i++)
            {
                using var ok = await InitializeAsync(server.Client);
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
        }
        await using var capped = await TestHttpServer.StartAsync(http => { http.MaxSessionsPerClientAddress = 1; http.LimitLoopbackClients = true; http.SessionIdleTimeout = TimeSpan.FromMilliseconds(300); });
        using (var ok = await InitializeAsync(capped.Client))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // well past the idle timeout
        using (var again = await InitializeAsync(capped.Client))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }
}
