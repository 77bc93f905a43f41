using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using McpGen.Protocol;

namespace McpGen.AspNetCore.Tests;

/// <summary>
/// MCP authorization over a real Kestrel: protected resource metadata, 401 challenges, JWT validation against a
/// token issuer's published keys, scope step-up, sessions bound to their user, and the principal in handlers.
/// </summary>
public partial class AuthorizationTests
{
    private static McpRegistry ScopedRegistry() => new McpRegistryBuilder()
        .Add(McpTool.Create("whoami", """{"type":"object"}""",
            static (context, _) => new(CallToolResult.FromText(context.User?.FindFirst("sub")?.Value ?? "nobody")), description: "Who is calling."))
        .Add(McpTool.Create("cancel_order", """{"type":"object"}""",
            static (_, _) => new(CallToolResult.FromText("cancelled")), description: "Needs orders:write.", requiredScopes: ["orders:write"]))
        .Add(McpPrompt.Create("audit", static (_, _) => new(new GetPromptResult { Messages = [PromptMessage.User("audit")] }), requiredScopes: ["audit:read"]))
        .Build();

    private static async Task<(TestAuthorizationServer Issuer, TestHttpServer Server, string Audience)> StartAsync(
        Action<McpAuthorizationOptions>? configure = null, bool stateless = false)
    {
        var issuer = await TestAuthorizationServer.StartAsync();
        var server = await TestHttpServer.StartAsync(http =>
        {
            http.Stateless = stateless;
            http.Authorization = new McpAuthorizationOptions { ResourceName = "test resource", TokenValidator = new JwtTokenValidator(new Uri(issuer.Issuer)) };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
            configure?.Invoke(http.Authorization);
        }, mcp: o => o.Add(ScopedRegistry()));
        return (issuer, server, server.Endpoint.OriginalString);
    }

    private static HttpRequestMessage Post(string body, string? token, string? session = null)
    {
        var request = TestHttpServer.Post(body, session);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> InitializeAsync(TestHttpServer server, string token)
    {
        using var response = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string session = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", token, session));
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    private static async Task<JsonElement> ResultAsync(TestHttpServer server, string token, string session, string body)
    {
        using var response = await server.Client.SendAsync(Post(body, token, session));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = await Sse.ReadAllAsync(response);
        return JsonDocument.Parse(events.Last(e => e.Data.Length > 0).Data).RootElement.GetProperty("result").Clone();
    }

    private static Dictionary<string, string> ChallengeParameters(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", header.Scheme);
        return System.Text.RegularExpressions.Regex.Matches(header.Parameter!, "([a-z_]+)=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [Fact]
    public async Task Protected_resource_metadata_is_served_at_both_well_known_paths()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        string origin = server.Endpoint.GetLeftPart(UriPartial.Authority);
        foreach (var path in new[] { "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource" })
        {
            using var response = await server.Client.GetAsync(new Uri(origin + path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var metadata = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(audience, metadata.GetProperty("resource").GetString());
            Assert.Equal([issuer.Issuer], metadata.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["audit:read", "orders:write"], metadata.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["header"], metadata.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("test resource", metadata.GetProperty("resource_name").GetString());
        }
    }

    [Fact]
    public async Task Requests_without_a_token_get_401_pointing_to_the_metadata()
    {
        var (issuer, server, _) = await StartAsync(o => o.ChallengeScopes = ["mcp:basic"]);
        await using var _i = issuer;
        await using var _s = server;
        using var post = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, token: null));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        var challenge = ChallengeParameters(post);
        Assert.Equal(server.Endpoint.GetLeftPart(UriPartial.Authority) + "/.well-known/oauth-protected-resource/mcp", challenge["resource_metadata"]);
        Assert.Equal("mcp:basic", challenge["scope"]);
        Assert.False(challenge.ContainsKey("error")); // no credentials at all: a bare challenge (RFC 6750 section 3.1)

        using var get = new HttpRequestMessage(HttpMethod.Get, "");
        get.Headers.Accept.ParseAdd("text/event-stream");
        using var getResponse = await server.Client.SendAsync(get);
        Assert.Equal(HttpStatusCode.Unauthorized, getResponse.StatusCode);
        using var delete = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, ""));
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_lists_and_calls_and_the_handler_sees_the_principal()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        string token = issuer.Token(audience, subject: "alice", scope: "mcp:basic");
        string session = await InitializeAsync(server, token);
        var tools = await ResultAsync(server, token, session, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        Assert.Contains(tools.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "whoami");
        // Tools the token lacks scopes for are not listed.
        Assert.DoesNotContain(tools.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "cancel_order");
        var prompts = await ResultAsync(server, token, session, """{"jsonrpc":"2.0","id":3,"method":"prompts/list"}""");
        Assert.NotEmpty(prompts.GetProperty("prompts").EnumerateArray());
        Assert.DoesNotContain(prompts.GetProperty("prompts").EnumerateArray(), p => p.GetProperty("name").GetString() == "audit");
        var who = await ResultAsync(server, token, session, """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"whoami"}}""");
        Assert.Equal("alice", who.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_missing_scope_gets_403_insufficient_scope_and_a_token_with_it_succeeds()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        string basic = issuer.Token(audience, scope: "mcp:basic");
        string session = await InitializeAsync(server, basic);
        const string call = """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"cancel_order"}}""";
        using (var refused = await server.Client.SendAsync(Post(call, basic, session)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var challenge = ChallengeParameters(refused);
            Assert.Equal("insufficient_scope", challenge["error"]);
            Assert.Equal("mcp:basic orders:write", challenge["scope"]); // what it has plus what it needs
            Assert.EndsWith("/.well-known/oauth-protected-resource/mcp", challenge["resource_metadata"], StringComparison.Ordinal);
        }
        using (var prompt = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":6,"method":"prompts/get","params":{"name":"audit"}}""", basic, session)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, prompt.StatusCode);
            Assert.Equal("mcp:basic audit:read", ChallengeParameters(prompt)["scope"]);
        }

        // Step-up: the same user comes back with the wider token, in the same session.
        string wider = issuer.Token(audience, scope: "mcp:basic orders:write");
        var result = await ResultAsync(server, wider, session, call);
        Assert.Equal("cancelled", result.GetProperty("content")[0].GetProperty("text").GetString());
        var tools = await ResultAsync(server, wider, session, """{"jsonrpc":"2.0","id":7,"method":"tools/list"}""");
        Assert.Contains(tools.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "cancel_order");
    }

    [Fact]
    public async Task Bad_tokens_are_refused_with_invalid_token()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        await using var stranger = await TestAuthorizationServer.StartAsync();
        var cases = new (string Name, string Token, string Description)[]
        {
            ("expired", issuer.Token(audience, lifetime: TimeSpan.FromMinutes(-5)), "The token has expired."),
            ("not yet valid", issuer.Token(audience, notBefore: DateTime.UtcNow.AddMinutes(10), lifetime: TimeSpan.FromMinutes(20)), "The token is not valid yet."),
            ("wrongly signed", issuer.Token(audience, key: issuer.ForgedKeyWithPublishedKid()), "The token's signature does not verify."),
            ("for another resource", issuer.Token("http://127.0.0.1:1/other-mcp"), "The token was not issued for this resource."),
            ("from another issuer", stranger.Token(audience), "The token was not issued by a trusted authorization server."),
            ("claiming our issuer, signed by another", stranger.Token(audience, issuer: issuer.Issuer), "The token's signature does not verify."),
            ("not a JWT", "opaque-token-value", "The token is not a JWT."),
        };
        foreach (var (name, token, description) in cases)
        {
            using var response = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, token));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode}");
            var challenge = ChallengeParameters(response);
            Assert.Equal("invalid_token", challenge["error"]);
            Assert.Equal(description, challenge["error_description"]);
            Assert.DoesNotContain(token, response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using var basic = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(TestHttpServer.InitializeBody) };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        using var basicResponse = await server.Client.SendAsync(basic);
        Assert.Equal(HttpStatusCode.Unauthorized, basicResponse.StatusCode);
        Assert.Equal("invalid_request", ChallengeParameters(basicResponse)["error"]);

        using var query = Post(TestHttpServer.InitializeBody, issuer.Token(audience));
        query.RequestUri = new Uri("?access_token=x", UriKind.Relative);
        using var queryResponse = await server.Client.SendAsync(query);
        Assert.Equal(HttpStatusCode.Unauthorized, queryResponse.StatusCode);
        Assert.Equal("invalid_request", ChallengeParameters(queryResponse)["error"]);
    }

    [Fact]
    public async Task Rotated_keys_are_fetched_again_but_unknown_key_ids_cannot_hammer_the_issuer()
    {
        var issuer = await TestAuthorizationServer.StartAsync();
        await using var _i = issuer;
        var jwt = new JwtTokenValidatorOptions { MinimumKeyRefreshInterval = TimeSpan.FromSeconds(2) };
        jwt.Issuers.Add(new Uri(issuer.Issuer));
        await using var server = await TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions { TokenValidator = new JwtTokenValidator(jwt) };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
        }, mcp: o => o.Add(ScopedRegistry()));
        string audience = server.Endpoint.OriginalString;
        await InitializeAsync(server, issuer.Token(audience));
        Assert.Equal(1, issuer.JwksFetches);

        await Task.Delay(2100);
        issuer.RotateKey("key-2");
        await InitializeAsync(server, issuer.Token(audience)); // signed with the new key: fetched again, accepted
        Assert.Equal(2, issuer.JwksFetches);

        // A burst of tokens naming unknown key ids: at most one more fetch within the minimum interval.
        var forger = System.Security.Cryptography.RSA.Create(2048);
        var forged = Enumerable.Range(0, 20).Select(i => issuer.Token(audience, key: new Microsoft.IdentityModel.Tokens.RsaSecurityKey(forger) { KeyId = "forged-" + i })).ToList();
        foreach (var token in forged)
        {
            using var response = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, token));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.InRange(issuer.JwksFetches, 2, 3);
    }

    [Fact]
    public async Task A_remembered_token_is_not_accepted_past_its_expiry()
    {
        var issuer = await TestAuthorizationServer.StartAsync();
        await using var _i = issuer;
        var jwt = new JwtTokenValidatorOptions { ClockSkew = TimeSpan.Zero };
        jwt.Issuers.Add(new Uri(issuer.Issuer));
        await using var server = await TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions { TokenValidator = new JwtTokenValidator(jwt) };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
        }, mcp: o => o.Add(ScopedRegistry()));
        await InitializeAsync(server, issuer.Token(server.Endpoint.OriginalString, subject: "warm-up")); // keys fetched, code warm: the short token's seconds are not spent on start-up
        string token = issuer.Token(server.Endpoint.OriginalString, lifetime: TimeSpan.FromSeconds(3)); // exp is whole seconds: at least 2 s left
        string session = await InitializeAsync(server, token); // validated, then remembered
        var who = await ResultAsync(server, token, session, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"whoami"}}""");
        Assert.Equal("alice", who.GetProperty("content")[0].GetProperty("text").GetString());
        await Task.Delay(TimeSpan.FromSeconds(4));
        using var late = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":3,"method":"ping"}""", token, session));
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Equal("The token has expired.", ChallengeParameters(late)["error_description"]);
    }

    [Fact]
    public async Task A_session_cannot_be_used_with_another_users_token()
    {
        var (issuer, server, audience) = await StartAsync();
        await using var _i = issuer;
        await using var _s = server;
        string session = await InitializeAsync(server, issuer.Token(audience, subject: "alice"));
        string mallory = issuer.Token(audience, subject: "mallory");
        using var post = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"whoami"}}""", mallory, session));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "");
        delete.Headers.Add("Mcp-Session-Id", session);
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", mallory);
        using var deleted = await server.Client.SendAsync(delete);
        Assert.Equal(HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Equal(1, server.Server.SessionCount);
    }

    [Fact]
    public async Task Stateless_endpoints_check_tokens_and_scopes_on_every_request()
    {
        var (issuer, server, audience) = await StartAsync(stateless: true);
        await using var _i = issuer;
        await using var _s = server;
        using var anonymous = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var refused = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"cancel_order"}}""", issuer.Token(audience)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var ok = await server.Client.SendAsync(Post("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"cancel_order"}}""", issuer.Token(audience, scope: "orders:write")));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("cancelled", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incomplete_options_fail_at_map_time_with_what_to_set()
    {
        var noServer = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => TestHttpServer.StartAsync(http => http.Authorization = new McpAuthorizationOptions()));
        Assert.Contains("AuthorizationServers", noServer.Message, StringComparison.Ordinal);
        var noValidator = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions();
            http.Authorization.AuthorizationServers.Add(new Uri("http://127.0.0.1:1"));
        }));
        Assert.Contains("new JwtTokenValidator", noValidator.Message, StringComparison.Ordinal);
        var badScope = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions { TokenValidator = new JwtTokenValidator(new Uri("http://127.0.0.1:1")) };
            http.Authorization.AuthorizationServers.Add(new Uri("http://127.0.0.1:1"));
        }, mcp: o => o.Add(new McpRegistryBuilder().Add(McpTool.Create("t", """{"type":"object"}""", static (_, _) => new(CallToolResult.FromText("")), requiredScopes: ["orders write"])).Build())));
        Assert.Contains("Tool 't' declares the scope 'orders write'", badScope.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opaque_tokens_are_introspected_and_need_this_resource_as_audience()
    {
        var issuer = await TestAuthorizationServer.StartAsync();
        await using var _i = issuer;
        await using var server = await TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions
            {
                TokenValidator = new IntrospectionTokenValidator(new() { Issuer = new Uri(issuer.Issuer), ClientId = "rs client", ClientSecret = "s3cret:x" }),
            };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
        }, mcp: o => o.Add(ScopedRegistry()));
        string audience = server.Endpoint.OriginalString;
        issuer.Introspection["good"] = $$"""{"active":true,"sub":"dave","scope":"orders:write","iss":"{{issuer.Issuer}}","aud":["other","{{audience}}"]}""";
        issuer.Introspection["other-audience"] = $$"""{"active":true,"sub":"dave","aud":"http://127.0.0.1:1/mcp"}""";
        issuer.Introspection["no-audience"] = """{"active":true,"sub":"dave"}""";
        issuer.Introspection["other-issuer"] = $$"""{"active":true,"sub":"dave","iss":"http://127.0.0.1:1","aud":"{{audience}}"}""";
        issuer.Introspection["no-subject"] = $$"""{"active":true,"aud":"{{audience}}"}""";

        string session = await InitializeAsync(server, "good");
        // RFC 6749 section 2.3.1: id and secret form-encoded, then Basic.
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("rs%20client:s3cret%3Ax")), issuer.LastIntrospectionAuthorization);
        var result = await ResultAsync(server, "good", session, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"cancel_order"}}""");
        Assert.Equal("cancelled", result.GetProperty("content")[0].GetProperty("text").GetString());
        var who = await ResultAsync(server, "good", session, """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"whoami"}}""");
        Assert.Equal("dave", who.GetProperty("content")[0].GetProperty("text").GetString());

        foreach (var (token, description) in new[]
        {
            ("unknown", "The token is not active."),
            ("other-audience", "The token was not issued for this resource."),
            ("no-audience", "The token was not issued for this resource."),
            ("other-issuer", "The token was not issued by a trusted authorization server."),
            ("no-subject", "The token has no subject."),
        })
        {
            using var response = await server.Client.SendAsync(Post(TestHttpServer.InitializeBody, token));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(description, ChallengeParameters(response)["error_description"]);
        }
    }
}
