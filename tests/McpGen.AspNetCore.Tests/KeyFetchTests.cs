using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;

namespace McpGen.AspNetCore.Tests;

/// <summary>Issue 14 item 4: JWKS outages (backoff, keep serving with cached keys) and rotations that reuse a kid.</summary>
public class KeyFetchTests
{
    private static async Task<TestHttpServer> ServerAsync(TestAuthorizationServer issuer, TimeSpan refresh, TimeSpan minimum)
    {
        var jwt = new JwtTokenValidatorOptions { KeyRefreshInterval = refresh, MinimumKeyRefreshInterval = minimum };
        jwt.Issuers.Add(new Uri(issuer.Issuer));
        return await TestHttpServer.StartAsync(http =>
        {
            http.Authorization = new McpAuthorizationOptions { TokenValidator = new JwtTokenValidator(jwt) };
            http.Authorization.AuthorizationServers.Add(new Uri(issuer.Issuer));
        });
    }

    private static async Task<HttpResponseMessage> InitializeAsync(TestHttpServer server, string token)
    {
        var request = TestHttpServer.Post(TestHttpServer.InitializeBody);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Client.SendAsync(request);
    }

    private static string Description(HttpResponseMessage response) =>
        System.Text.RegularExpressions.Regex.Match(response.Headers.WwwAuthenticate.Single().Parameter!, "error_description=\"([^\"]*)\"").Groups[1].Value;

    private static List<string> ForgedKidTokens(TestAuthorizationServer issuer, string audience, int count)
    {
        var forger = System.Security.Cryptography.RSA.Create(2048);
        return Enumerable.Range(0, count).Select(i => issuer.Token(audience, subject: "f" + i, key: new RsaSecurityKey(forger) { KeyId = "forged-" + i })).ToList();
    }

    [Fact]
    public async Task During_a_jwks_outage_cached_keys_keep_serving_and_unknown_kids_do_not_trigger_fetches()
    {
        await using var issuer = await TestAuthorizationServer.StartAsync();
        await using var server = await ServerAsync(issuer, refresh: TimeSpan.FromSeconds(2), minimum: TimeSpan.FromSeconds(5));
        string audience = server.Endpoint.OriginalString;
        using (var first = await InitializeAsync(server, issuer.Token(audience, subject: "alice")))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, issuer.JwksFetches);

        issuer.JwksDown = true;
        await Task.Delay(TimeSpan.FromSeconds(5.5)); // the keys are stale and the minimum interval has passed
        // A new valid token (never seen, so not remembered): the refresh fails, the cached key still verifies it.
        using (var during = await InitializeAsync(server, issuer.Token(audience, subject: "bob")))
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(2, issuer.JwksFetches);

        // Unknown key ids during the outage: the failed attempt started a backoff (5 s, then doubling), so no fetch each.
        foreach (var token in ForgedKidTokens(issuer, audience, 20))
        {
            using var forged = await InitializeAsync(server, token);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            Assert.Equal("The token's signature does not verify.", Description(forged));
        }
        Assert.InRange(issuer.JwksFetches, 2, 3); // without backoff: 22
        using (var stillOk = await InitializeAsync(server, issuer.Token(audience, subject: "carol")))
            Assert.Equal(HttpStatusCode.OK, stillOk.StatusCode);
    }

    [Fact]
    public async Task An_issuer_that_was_never_reached_is_retried_with_backoff_not_per_token()
    {
        await using var issuer = await TestAuthorizationServer.StartAsync();
        issuer.JwksDown = true;
        await using var server = await ServerAsync(issuer, refresh: TimeSpan.FromHours(1), minimum: TimeSpan.FromSeconds(5));
        string audience = server.Endpoint.OriginalString;
        for (int i = 0; i < 10; i++)
        {
            using var refused = await InitializeAsync(server, issuer.Token(audience, subject: "u" + i));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("The authorization server's signing keys are unavailable.", Description(refused));
        }
        Assert.InRange(issuer.JwksFetches, 1, 2); // without backoff: 10 or more
    }

    [Fact]
    public async Task A_rotation_that_reuses_the_kid_is_noticed_at_the_first_token_signed_with_the_new_key()
    {
        await using var issuer = await TestAuthorizationServer.StartAsync();
        await using var server = await ServerAsync(issuer, refresh: TimeSpan.FromHours(1), minimum: TimeSpan.FromSeconds(1));
        string audience = server.Endpoint.OriginalString;
        using (var first = await InitializeAsync(server, issuer.Token(audience)))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, issuer.JwksFetches);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        issuer.RotateKey("key-1"); // new key material, same kid
        using (var rotated = await InitializeAsync(server, issuer.Token(audience, subject: "bob")))
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(2, issuer.JwksFetches);

        // Forged signatures with the published kid still fail, and cost at most one fetch per minimum interval.
        var forgedKey = issuer.ForgedKeyWithPublishedKid();
        var forgedTokens = Enumerable.Range(0, 10).Select(i => issuer.Token(audience, subject: "m" + i, key: forgedKey)).ToList();
        foreach (var token in forgedTokens)
        {
            using var forged = await InitializeAsync(server, token);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            Assert.Equal("The token's signature does not verify.", Description(forged));
        }
        Assert.InRange(issuer.JwksFetches, 2, 4); // one fetch per second at most; without the limit: 12
    }
}
