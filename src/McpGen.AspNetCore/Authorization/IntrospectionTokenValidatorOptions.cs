namespace McpGen.AspNetCore;

/// <summary>Settings of <see cref="IntrospectionTokenValidator"/>.</summary>
public sealed class IntrospectionTokenValidatorOptions
{
    /// <summary>The authorization server (issuer identifier). Its metadata gives the introspection endpoint unless <see cref="IntrospectionEndpoint"/> is set; a response naming another <c>iss</c> is refused.</summary>
    public required Uri Issuer { get; set; }

    /// <summary>The RFC 7662 endpoint. Null (the default): <c>introspection_endpoint</c> from the issuer's metadata.</summary>
    public Uri? IntrospectionEndpoint { get; set; }

    /// <summary>This resource server's client id at the authorization server (sent with HTTP Basic authentication).</summary>
    public required string ClientId { get; set; }

    /// <summary>Its client secret.</summary>
    public required string ClientSecret { get; set; }

    /// <summary>
    /// How long an active token's introspection answer is remembered (never past its <c>exp</c>): a revoked token is
    /// refused at the latest this long after revocation. Default: 30 seconds; <see cref="TimeSpan.Zero"/> asks on every request.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a refusal (inactive, wrong audience, no subject) is remembered, so a client retrying a bad token does
    /// not cost a round trip per request. Failures to reach the authorization server are not remembered. Default: 10 seconds.
    /// </summary>
    public TimeSpan NegativeCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most answers remembered at once; when full, the cache is emptied and fills again. Default: 10,000.</summary>
    public int MaxCachedTokens { get; set; } = 10_000;

    /// <summary>The client for metadata and introspection calls. Default: a client with a 10 s timeout.</summary>
    public HttpClient? Backchannel { get; set; }
}
