namespace McpGen;

/// <summary>
/// Marks a method as an MCP resource. A URI with <c>{variables}</c> (RFC 6570) is a resource template whose
/// variables bind to the method's parameters; a plain URI is a fixed resource.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpResourceAttribute : Attribute
{
    /// <summary>Marks a resource at <paramref name="uriOrTemplate"/>.</summary>
    public McpResourceAttribute(string uriOrTemplate) => UriOrTemplate = uriOrTemplate;

    /// <summary>The URI, or the URI template.</summary>
    public string UriOrTemplate { get; }

    /// <summary>The programmatic name (defaults to the method name in snake_case).</summary>
    public string? Name { get; set; }

    /// <summary>A display title.</summary>
    public string? Title { get; set; }

    /// <summary>The description, when not taken from XML docs or <c>[Description]</c>.</summary>
    public string? Description { get; set; }

    /// <summary>The MIME type of the contents.</summary>
    public string? MimeType { get; set; }

    /// <summary>Icon URLs.</summary>
    public string[]? Icons { get; set; }

    /// <summary>OAuth scopes a caller needs to see and read the resource.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>
    /// How long a <c>resources/read</c> result stays fresh for the client, in milliseconds (revision 2026-07-28 caching
    /// hint <c>ttlMs</c>); -1 (the default) uses the server's <see cref="McpServerOptions.CacheHint"/>.
    /// </summary>
    public long CacheTtlMs { get; set; } = -1;

    /// <summary>
    /// Who may reuse a cached read (<c>cacheScope</c>), with <see cref="CacheTtlMs"/>. Unset: <c>private</c> when the
    /// resource declares <see cref="Scopes"/> (its content depends on authorization), <c>public</c> otherwise.
    /// </summary>
    public Protocol.McpCacheScope CacheScope { get; set; }
}
