using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpGen.AspNetCore;

/// <summary>
/// The protected-resource side of MCP authorization for one endpoint: bearer token checks with RFC 6750 challenges
/// that point to the RFC 9728 metadata, scope step-up (403 <c>insufficient_scope</c>), and the metadata document.
/// </summary>
internal sealed class McpHttpAuthorization
{
    private const string MetadataPrefix = "/.well-known/oauth-protected-resource";
    private readonly McpAuthorizationOptions _options;
    private readonly McpServer _server;
    private readonly string _endpointPath;
    private readonly IMcpTokenValidator _validator;
    private readonly ILogger _logger;
    private readonly string[] _challengeScopes; // the scope parameter of every 401: fixed at start-up, not rebuilt per request

    public McpHttpAuthorization(McpAuthorizationOptions options, McpServer server, string endpointPath, ILogger logger)
    {
        if (options.AuthorizationServers.Count == 0)
            throw new InvalidOperationException("McpAuthorizationOptions.AuthorizationServers is empty: name the authorization server(s) that issue tokens for this resource.");
        if (options.Resource is { } resource && (!resource.IsAbsoluteUri || resource.Fragment.Length > 0))
            throw new InvalidOperationException("McpAuthorizationOptions.Resource must be an absolute URI without a fragment (RFC 8707).");
        foreach (var (scope, where) in ScopesIn(options, server))
        {
            if (!McpScopes.IsValidScope(scope))
                throw new InvalidOperationException($"{where} declares the scope '{scope}', which is not a valid OAuth scope token (printable ASCII without spaces, '\"' or '\\').");
        }
        _options = options;
        _server = server;
        _endpointPath = "/" + endpointPath.Trim('/');
        _challengeScopes = options.ChallengeScopes is null ? [] : [.. options.ChallengeScopes.Distinct(StringComparer.Ordinal)];
        _logger = logger;
        // No default validator on purpose: referencing the JWT stack from here would put it (about 4 MB) into every
        // native AOT HTTP server, used or not.
        _validator = options.TokenValidator ?? throw new InvalidOperationException(
            "McpAuthorizationOptions.TokenValidator is not set: use new JwtTokenValidator(authorizationServer) for JWT access tokens, or your own IMcpTokenValidator (for example RFC 7662 introspection) for opaque ones.");
    }

    private static IEnumerable<(string Scope, string Where)> ScopesIn(McpAuthorizationOptions options, McpServer server)
    {
        foreach (var s in options.ChallengeScopes ?? []) yield return (s, "McpAuthorizationOptions.ChallengeScopes");
        foreach (var s in options.ScopesSupported ?? []) yield return (s, "McpAuthorizationOptions.ScopesSupported");
        foreach (var t in server.Tools) foreach (var s in t.RequiredScopes) yield return (s, $"Tool '{t.Name}'");
        foreach (var p in server.Prompts) foreach (var s in p.RequiredScopes) yield return (s, $"Prompt '{p.Name}'");
        foreach (var r in server.Resources) foreach (var s in r.RequiredScopes) yield return (s, $"Resource '{r.Uri}'");
        foreach (var t in server.ResourceTemplates) foreach (var s in t.RequiredScopes) yield return (s, $"Resource template '{t.UriTemplate}'");
    }

    /// <summary>The metadata path for this endpoint (RFC 9728 section 3.1: the well-known prefix, then the resource's path).</summary>
    public string MetadataPath => MetadataPrefix + (_endpointPath == "/" ? "" : _endpointPath);

    /// <summary>The root metadata path (for clients that look there first).</summary>
    public static string RootMetadataPath => MetadataPrefix;

    /// <summary>Authenticates the request; on failure writes the 401 and returns false.</summary>
    public async Task<bool> AuthenticateAsync(HttpContext context)
    {
        if (context.Request.Query.ContainsKey("access_token"))
        {
            // MCP forbids tokens in the query string (they end up in logs); checked first, so a token sent only there
            // gets invalid_request rather than the plain challenge of a request without credentials.
            await ChallengeAsync(context, "invalid_request", "Access tokens must not be sent in the query string.").ConfigureAwait(false);
            return false;
        }
        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            await ChallengeAsync(context, null, null).ConfigureAwait(false);
            return false;
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            await ChallengeAsync(context, "invalid_request", "Send the access token as 'Authorization: Bearer <token>'.").ConfigureAwait(false);
            return false;
        }
        var validation = await _validator.ValidateAsync(header[7..].Trim(), ResourceOf(context.Request), context.RequestAborted).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            _logger.LogDebug("Refused a bearer token: {Reason}", validation.Failure); // Debug: refusals are cheap to cause, so not worth a log line each by default
            await ChallengeAsync(context, "invalid_token", validation.Failure ?? "The token is invalid.").ConfigureAwait(false);
            return false;
        }
        context.User = validation.Principal!;
        return true;
    }

    /// <summary>403 with <c>insufficient_scope</c>: the scope to ask for is what the token has plus what it lacks (step-up keeps earlier grants).</summary>
    public Task ForbidAsync(HttpContext context, ClaimsPrincipal user, IReadOnlyList<string> missing, McpGen.JsonRpc.RequestId id)
    {
        var scopes = McpScopes.Granted(user).Concat(missing).Distinct(StringComparer.Ordinal).ToList();
        context.Response.Headers.WWWAuthenticate = Challenge(context.Request, "insufficient_scope", $"This request needs the scope(s) {string.Join(' ', missing)}.", scopes);
        return McpHttpHandler.ErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpc.JsonRpcErrorCodes.ServerError,
            $"Forbidden: insufficient scope; ask the authorization server for: {string.Join(' ', scopes)}.", id);
    }

    private Task ChallengeAsync(HttpContext context, string? error, string? description)
    {
        context.Response.Headers.WWWAuthenticate = Challenge(context.Request, error, description, _challengeScopes);
        return McpHttpHandler.ErrorAsync(context, StatusCodes.Status401Unauthorized, JsonRpc.JsonRpcErrorCodes.ServerError,
            "Unauthorized: " + (description ?? "this MCP server requires an access token; see the WWW-Authenticate header."));
    }

    /// <summary>An RFC 6750 challenge. Only server-made text goes in it: nothing from the request is reflected.</summary>
    private string Challenge(HttpRequest request, string? error, string? description, IReadOnlyList<string> scopes)
    {
        var sb = new StringBuilder("Bearer ");
        if (error is not null) sb.Append("error=\"").Append(error).Append("\", ");
        if (description is not null) sb.Append("error_description=\"").Append(description.Replace("\"", "'", StringComparison.Ordinal)).Append("\", ");
        if (scopes.Count > 0) sb.Append("scope=\"").Append(string.Join(' ', scopes)).Append("\", ");
        sb.Append("resource_metadata=\"").Append(MetadataUrl(request)).Append('"');
        return sb.ToString();
    }

    /// <summary>This resource's canonical URI: configured, or derived from a request whose Host has passed host validation.</summary>
    public Uri ResourceOf(HttpRequest request) =>
        _options.Resource ?? new Uri($"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}{(_endpointPath == "/" ? "" : _endpointPath)}");

    private string MetadataUrl(HttpRequest request)
    {
        var resource = ResourceOf(request);
        string path = resource.AbsolutePath.TrimEnd('/');
        return resource.GetLeftPart(UriPartial.Authority) + MetadataPrefix + path;
    }

    /// <summary>Writes the RFC 9728 protected resource metadata.</summary>
    public async Task WriteMetadataAsync(HttpContext context)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("resource"u8, ResourceOf(context.Request).OriginalString);
            w.WriteStartArray("authorization_servers"u8);
            foreach (var server in _options.AuthorizationServers) w.WriteStringValue(server.OriginalString);
            w.WriteEndArray();
            w.WriteStartArray("scopes_supported"u8);
            foreach (var scope in (IEnumerable<string>?)_options.ScopesSupported ?? _server.AllRequiredScopes()) w.WriteStringValue(scope);
            w.WriteEndArray();
            w.WriteStartArray("bearer_methods_supported"u8);
            w.WriteStringValue("header"u8);
            w.WriteEndArray();
            if (_options.ResourceName is not null) w.WriteString("resource_name"u8, _options.ResourceName);
            if (_options.ResourceDocumentation is not null) w.WriteString("resource_documentation"u8, _options.ResourceDocumentation.OriginalString);
            w.WriteEndObject();
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "max-age=300";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
