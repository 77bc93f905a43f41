namespace McpGen.AspNetCore;

/// <summary>
/// Makes an MCP endpoint an OAuth 2.1 protected resource (MCP authorization, revision 2025-11-25): every request needs
/// a valid bearer token issued for this resource, and primitives with scopes need those scopes.
/// </summary>
/// <example>
/// <code>
/// app.MapMcp("/mcp", o => o.Authorization = new McpAuthorizationOptions
/// {
///     Resource = new Uri("https://mcp.example.com/mcp"),
///     AuthorizationServers = { new Uri("https://login.example.com") },
///     TokenValidator = new JwtTokenValidator(new Uri("https://login.example.com")),
/// });
/// </code>
/// </example>
public sealed class McpAuthorizationOptions
{
    /// <summary>
    /// This server's canonical URI (RFC 8707): the MCP endpoint's full URL, e.g. <c>https://mcp.example.com/mcp</c>.
    /// Tokens must name it as their audience; the protected resource metadata publishes it. When null it is derived
    /// from each request (scheme, <c>Host</c>, path base and endpoint path); set it in production.
    /// </summary>
    public Uri? Resource { get; set; }

    /// <summary>The authorization servers that issue tokens for this resource (their issuer identifiers). At least one is required.</summary>
    public IList<Uri> AuthorizationServers { get; } = [];

    /// <summary>
    /// <c>scopes_supported</c> of the protected resource metadata. Null (the default): every scope a registered
    /// tool, prompt or resource declares.
    /// </summary>
    public IList<string>? ScopesSupported { get; set; }

    /// <summary>
    /// The scopes a 401 challenge asks a client to request first (the <c>scope</c> parameter of
    /// <c>WWW-Authenticate</c>); what a request needs beyond them comes by step-up (403 <c>insufficient_scope</c>).
    /// Null (the default): no <c>scope</c> parameter, so clients fall back to <c>scopes_supported</c>.
    /// </summary>
    public IList<string>? ChallengeScopes { get; set; }

    /// <summary>
    /// Validates bearer tokens (required): a <see cref="JwtTokenValidator"/> for JWT access tokens, with keys from each
    /// authorization server's metadata, or your own for opaque tokens (for example RFC 7662 introspection). There is
    /// no default, so servers that do not use JWTs do not carry the JWT code in their native AOT binary.
    /// </summary>
    public IMcpTokenValidator? TokenValidator { get; set; }

    /// <summary><c>resource_name</c> of the metadata: a human-readable name for consent screens.</summary>
    public string? ResourceName { get; set; }

    /// <summary><c>resource_documentation</c> of the metadata.</summary>
    public Uri? ResourceDocumentation { get; set; }
}
