namespace McpGen.AspNetCore;

/// <summary>Settings of <see cref="JwtTokenValidator"/>.</summary>
public sealed class JwtTokenValidatorOptions
{
    /// <summary>The trusted issuers (authorization servers' issuer identifiers). A token from any other issuer is refused without a network call.</summary>
    public IList<Uri> Issuers { get; } = [];

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>. Default: 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long fetched signing keys are used before they are fetched again. Default: 1 hour.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The shortest time between two fetches of an issuer's keys. A token signed with an unknown key id triggers an
    /// early fetch (key rotation), at most this often, so forged key ids cannot make the server hammer the issuer.
    /// Default: 30 seconds.
    /// </summary>
    public TimeSpan MinimumKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Signature algorithms accepted. Default: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512.</summary>
    public IList<string> ValidAlgorithms { get; } = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>
    /// How long a token that validated is remembered, so the same token on later requests skips the signature check
    /// (an RS256 check costs about 50 µs and 8 KB here). Never beyond the token's own expiry. Default: 5 minutes;
    /// <see cref="TimeSpan.Zero"/> validates every request from scratch.
    /// </summary>
    public TimeSpan ValidatedTokenCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most tokens remembered at once; when full, the cache is emptied and fills again. Default: 10,000.</summary>
    public int MaxCachedTokens { get; set; } = 10_000;

    /// <summary>The client for metadata and key fetches. Default: a client with a 10 s timeout.</summary>
    public HttpClient? Backchannel { get; set; }
}
