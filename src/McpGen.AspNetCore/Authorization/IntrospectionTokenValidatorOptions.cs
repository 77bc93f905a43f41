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

    /// <summary>The client for metadata and introspection calls. Default: a client with a 10 s timeout.</summary>
    public HttpClient? Backchannel { get; set; }
}
