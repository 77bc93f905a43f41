using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpGen.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGen.Benchmarks;

/// <summary>
/// What authorization costs per request: an RS256 access token validated from scratch (signature, issuer, audience,
/// lifetime) against keys fetched once from a local issuer, and the same token when the validator remembers it.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private WebApplication? _issuer;
    private JwtTokenValidator _fresh = null!;
    private JwtTokenValidator _remembering = null!;
    private string _token = "";
    private readonly Uri _resource = new("http://127.0.0.1:1/mcp");

    [GlobalSetup]
    public void Setup()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _issuer = builder.Build();
        string issuer = "";
        _issuer.MapGet("/.well-known/oauth-authorization-server", (HttpContext c) =>
            c.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["issuer"] = issuer, ["jwks_uri"] = issuer + "/jwks" })));
        _issuer.MapGet("/jwks", (HttpContext c) =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            return c.Response.WriteAsync(JsonSerializer.Serialize(new { keys = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = "bench", ["alg"] = "RS256", ["n"] = jwk.N, ["e"] = jwk.E } } }));
        });
        _issuer.StartAsync().GetAwaiter().GetResult();
        issuer = _issuer.Urls.First();
        _token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = _resource.OriginalString,
            Claims = new Dictionary<string, object> { ["sub"] = "bench", ["scope"] = "orders:read orders:write" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var fresh = new JwtTokenValidatorOptions { ValidatedTokenCacheDuration = TimeSpan.Zero };
        fresh.Issuers.Add(new Uri(issuer));
        _fresh = new JwtTokenValidator(fresh);
        _remembering = new JwtTokenValidator(new Uri(issuer));
        if (!Validate_from_scratch().IsValid || !Validate_remembered().IsValid) throw new InvalidOperationException("The bench token does not validate.");
    }

    [GlobalCleanup]
    public void Cleanup() => _issuer?.StopAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public McpTokenValidation Validate_from_scratch() => _fresh.ValidateAsync(_token, _resource, default).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public McpTokenValidation Validate_remembered() => _remembering.ValidateAsync(_token, _resource, default).AsTask().GetAwaiter().GetResult();
}
