using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGen.AspNetCore.Tests;

/// <summary>
/// A minimal token issuer on a real Kestrel (127.0.0.1): RFC 8414 metadata and a JWKS, keys that can rotate, and
/// signed access tokens. The end-to-end flow with a certified provider (oidc-provider) and the official TypeScript
/// client is in tests/node/suites/http-authorization.test.mjs; this one lets xunit forge every kind of bad token.
/// </summary>
internal sealed class TestAuthorizationServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private RsaSecurityKey _key;
    private int _jwksFetches;
    private int _introspectionCalls;

    private TestAuthorizationServer(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
        _key = NewKey("key-1");
    }

    public string Issuer { get; }

    /// <summary>RFC 7662 answers by token; unknown tokens are inactive.</summary>
    public Dictionary<string, string> Introspection { get; } = [];

    public string? LastIntrospectionAuthorization { get; private set; }
    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>While true, the introspection endpoint answers 503.</summary>
    public volatile bool IntrospectionDown;

    /// <summary>While true, the JWKS endpoint answers 503 (an outage; metadata stays up).</summary>
    public volatile bool JwksDown;

    public static async Task<TestAuthorizationServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestAuthorizationServer? self = null;
        app.MapGet("/.well-known/oauth-authorization-server", (HttpContext c) =>
            c.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["issuer"] = self!.Issuer, ["jwks_uri"] = self.Issuer + "/jwks", ["introspection_endpoint"] = self.Issuer + "/introspect",
            })));
        app.MapPost("/introspect", async (HttpContext c) =>
        {
            var form = await c.Request.ReadFormAsync();
            self!.LastIntrospectionAuthorization = c.Request.Headers.Authorization;
            Interlocked.Increment(ref self._introspectionCalls);
            if (self.IntrospectionDown)
            {
                c.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            string token = form["token"].ToString();
            if (!self.Introspection.TryGetValue(token, out var answer)) answer = """{"active":false}""";
            c.Response.ContentType = "application/json";
            await c.Response.WriteAsync(answer);
        });
        app.MapGet("/jwks", (HttpContext c) =>
        {
            Interlocked.Increment(ref self!._jwksFetches);
            if (self.JwksDown)
            {
                c.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }
            return c.Response.WriteAsync(self.Jwks());
        });
        await app.StartAsync();
        self = new TestAuthorizationServer(app, app.Urls.First());
        return self;
    }

    /// <summary>Replaces the signing key with a new one (new kid): key rotation.</summary>
    public void RotateKey(string kid) => _key = NewKey(kid);

    public int IntrospectionCalls => Volatile.Read(ref _introspectionCalls);

    public string Token(string audience, string? subject = "alice", string scope = "", TimeSpan? lifetime = null, string? issuer = null, SecurityKey? key = null, DateTime? notBefore = null, IDictionary<string, object>? headers = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(5));
        var start = notBefore ?? (expires < now ? expires - TimeSpan.FromMinutes(10) : now);
        var claims = new Dictionary<string, object>();
        if (subject is not null) claims["sub"] = subject;
        if (scope.Length > 0) claims["scope"] = scope;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = start,
            NotBefore = start,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? _key, SecurityAlgorithms.RsaSha256),
            AdditionalHeaderClaims = headers,
        });
    }

    /// <summary>A key nobody published, with the kid of the published one: a forged signature.</summary>
    public RsaSecurityKey ForgedKeyWithPublishedKid() => NewKey(_key.KeyId);

    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private string Jwks()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
        var key = new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _key.KeyId, ["n"] = jwk.N, ["e"] = jwk.E };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = new[] { key } });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
