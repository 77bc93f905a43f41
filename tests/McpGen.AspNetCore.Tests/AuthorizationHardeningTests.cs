using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

/// <summary>Issue 14: crit headers, tokens without a subject, query-string tokens, error ids, the introspection cache.</summary>
public partial class AuthorizationTests
{
    private static JsonElement Body(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task A_jwt_with_a_crit_header_is_refused()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        string crit = issuer.Token(audience, headers: new Dictionary<string, object> { ["crit"] = new[] { "exp-ext" }, ["exp-ext"] = 1 });
        using var refused = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, crit));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_token", ChallengeParameters(refused)["error"]);
        Assert.Equal("The token has critical header parameters this server does not understand.", ChallengeParameters(refused)["error_description"]);
        // The same token without crit is fine: the refusal is about crit alone.
        using var accepted = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, issuer.Token(audience, headers: new Dictionary<string, object> { ["exp-ext"] = 1 })));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_jwt_without_sub_is_refused_so_no_session_is_left_without_an_owner()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        using var refused = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, issuer.Token(audience, subject: null)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("The token has no subject.", ChallengeParameters(refused)["error_description"]);
        using var empty = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, issuer.Token(audience, subject: "")));
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);
        Assert.Equal(0, server.Server.SessionCount);
    }

    [Fact]
    public async Task A_token_sent_only_in_the_query_string_gets_invalid_request()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        using var request = Post(TestHttpServer.InitializeBody, null);
        request.RequestUri = new Uri("?access_token=" + issuer.Token(audience), UriKind.Relative);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_request", ChallengeParameters(response)["error"]);
        Assert.Equal("Access tokens must not be sent in the query string.", ChallengeParameters(response)["error_description"]);
        var body = Body(await response.Content.ReadAsStringAsync());
        Assert.Equal(-32000, body.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Refusals_carry_the_request_id_when_it_was_readable_and_no_id_member_otherwise()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        string token = issuer.Token(audience);
        string session = await InitializeAsync(server, token);

        using (var scope = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":"call-7","method":"tools/call","params":{"name":"cancel_order"}}""", token, session)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, scope.StatusCode);
            Assert.Equal("insufficient_scope", ChallengeParameters(scope)["error"]);
            var body = Body(await scope.Content.ReadAsStringAsync());
            Assert.Equal("call-7", body.GetProperty("id").GetString());
            Assert.Equal(-32000, body.GetProperty("error").GetProperty("code").GetInt32());
        }
        using (var versionRequest = Post("""{"jsonrpc":"2.0","id":41,"method":"ping"}""", token, session))
        {
            versionRequest.Headers.Add("MCP-Protocol-Version", "1999-01-01");
            using var version = await server.Client.SendAsync(versionRequest);
            Assert.Equal(HttpStatusCode.BadRequest, version.StatusCode);
            var body = Body(await version.Content.ReadAsStringAsync());
            Assert.Equal(41, body.GetProperty("id").GetInt32());
            Assert.Equal(-32600, body.GetProperty("error").GetProperty("code").GetInt32());
        }
        using (var missing = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":42,"method":"tools/list"}""", token)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            var body = Body(await missing.Content.ReadAsStringAsync());
            Assert.Equal(42, body.GetProperty("id").GetInt32());
            Assert.Equal(-32600, body.GetProperty("error").GetProperty("code").GetInt32());
        }
        using (var get = new HttpRequestMessage(HttpMethod.Get, ""))
        {
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            get.Headers.Accept.ParseAdd("text/event-stream");
            using var noSession = await server.Client.SendAsync(get);
            Assert.Equal(HttpStatusCode.BadRequest, noSession.StatusCode);
            var body = Body(await noSession.Content.ReadAsStringAsync());
            Assert.False(body.TryGetProperty("id", out _), body.ToString()); // a GET has no id: the member is left out
            Assert.Equal(-32600, body.GetProperty("error").GetProperty("code").GetInt32());
        }
        using (var put = new HttpRequestMessage(HttpMethod.Put, "") { Content = new StringContent("""{"jsonrpc":"2.0","id":43,"method":"ping"}""") })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var notAllowed = await server.Client.SendAsync(put);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, notAllowed.StatusCode);
            var text = await notAllowed.Content.ReadAsStringAsync();
            if (text.Length > 0) // routing may answer 405 itself (no body); when McpGen does, there is no id member
                Assert.False(Body(text).TryGetProperty("id", out _), text);
        }
        using (var oldGet = new HttpRequestMessage(HttpMethod.Get, ""))
        {
            oldGet.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            oldGet.Headers.Accept.ParseAdd("text/event-stream");
            oldGet.Headers.Add("MCP-Protocol-Version", "2025-06-18");
            using var noSession = await server.Client.SendAsync(oldGet);
            var body = Body(await noSession.Content.ReadAsStringAsync());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("id").ValueKind); // that revision's schema requires id
        }
    }

    [Fact]
    public async Task Introspection_answers_are_cached_briefly_and_refusals_too_but_revocation_takes_effect()
    {
        var issuer = await TestAuthorizationServer.StartAsync();
        await using var _i = issuer;
        await using var server = await TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions
            {
                TokenValidator = new IntrospectionTokenValidator(new()
                {
                    Issuer = new Uri(issuer.Issuer), ClientId = "rs", ClientSecret = "s",
                    CacheDuration = TimeSpan.FromSeconds(2), NegativeCacheDuration = TimeSpan.FromSeconds(60),
                }),
            };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
        }, mcp: o => o.Add(ScopedRegistry()));
        string audience = server.Endpoint.OriginalString;
        issuer.Introspection["good"] = $$"""{"active":true,"sub":"dave","aud":"{{audience}}"}""";

        string session = await InitializeAsync(server, "good");
        for (int i = 0; i < 5; i++)
        {
            var ping = await ResultAsync(server, "good", session, $$"""{"jsonrpc":"2.0","id":{{10 + i}},"method":"ping"}""");
            Assert.Equal(JsonValueKind.Object, ping.ValueKind);
        }
        Assert.Equal(1, issuer.IntrospectionCalls); // initialize, notifications/initialized and 5 pings: one round trip

        for (int i = 0; i < 5; i++)
        {
            using var bad = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, "unknown"));
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            Assert.Equal("The token is not active.", ChallengeParameters(bad)["error_description"]);
        }
        Assert.Equal(2, issuer.IntrospectionCalls); // the refusal is remembered too

        issuer.Introspection["good"] = """{"active":false}"""; // revoked
        await Task.Delay(TimeSpan.FromSeconds(3)); // past CacheDuration
        using var revoked = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":20,"method":"ping"}""", "good", session));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("The token is not active.", ChallengeParameters(revoked)["error_description"]);
        Assert.Equal(3, issuer.IntrospectionCalls);
    }

    [Fact]
    public async Task A_failure_to_reach_the_introspection_endpoint_is_not_remembered()
    {
        var issuer = await TestAuthorizationServer.StartAsync();
        await using var _i = issuer;
        await using var server = await TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions
            {
                TokenValidator = new IntrospectionTokenValidator(new() { Issuer = new Uri(issuer.Issuer), ClientId = "rs", ClientSecret = "s", NegativeCacheDuration = TimeSpan.FromMinutes(5) }),
            };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
        }, mcp: o => o.Add(ScopedRegistry()));
        issuer.Introspection["good"] = $$"""{"active":true,"sub":"dave","aud":"{{server.Endpoint.OriginalString}}"}""";
        issuer.IntrospectionDown = true;
        using (var down = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, "good")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, down.StatusCode);
            Assert.Equal("The authorization server could not introspect the token.", ChallengeParameters(down)["error_description"]);
        }
        issuer.IntrospectionDown = false;
        using var up = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, "good")); // at once, despite the 5 min negative cache
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    private sealed class NobodyValidator : IMcpTokenValidator
    {
        public ValueTask<McpTokenValidation> ValidateAsync(string token, Uri resource, CancellationToken cancellationToken) =>
            new(McpTokenValidation.Valid(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("scope", "x")], "Custom"))));
    }

    [Fact]
    public async Task A_principal_that_names_nobody_cannot_create_a_session()
    {
        await using var server = await TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions { TokenValidator = new NobodyValidator() };
            http.Authorization.AuthorizationServers.Add(new Uri("http://127.0.0.1:1"));
        });
        using var refused = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, "anything"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = Body(await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, body.GetProperty("id").GetInt32());
        Assert.Equal(-32600, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Forbidden: the authenticated user has no subject (sub, name identifier or name), so a session cannot be bound to it.", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(0, server.Server.SessionCount);
    }
}
