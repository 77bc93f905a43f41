using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace McpGen.AspNetCore;

/// <summary>
/// Validates opaque access tokens by asking the authorization server (RFC 7662 token introspection): the token must be
/// <c>active</c>, issued by the configured issuer, name a subject, and its audience must include this resource's
/// canonical URI (RFC 8707; a token without an audience is refused). Answers are remembered briefly
/// (<see cref="IntrospectionTokenValidatorOptions.CacheDuration"/>, never past the token's <c>exp</c>; refusals for
/// <see cref="IntrospectionTokenValidatorOptions.NegativeCacheDuration"/>), so revocation takes effect within that time.
/// A failure to reach the authorization server is never remembered.
/// </summary>
public sealed class IntrospectionTokenValidator : IMcpTokenValidator
{
    private readonly IntrospectionTokenValidatorOptions _options;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private readonly ValidationCache _cache;
    private Uri? _endpoint;

    /// <summary>Creates the validator.</summary>
    public IntrospectionTokenValidator(IntrospectionTokenValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Issuer);
        ArgumentException.ThrowIfNullOrEmpty(options.ClientId);
        _options = options;
        _endpoint = options.IntrospectionEndpoint;
        _cache = new ValidationCache(options.MaxCachedTokens);
        _http = options.Backchannel ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <inheritdoc />
    public async ValueTask<McpTokenValidation> ValidateAsync(string token, Uri resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(resource);
        if (_cache.TryGet(token, resource, out var cached)) return cached;
        var (validation, definitive, expires) = await IntrospectAsync(token, resource, cancellationToken).ConfigureAwait(false);
        if (definitive) _cache.Add(token, resource, validation, validation.IsValid ? _options.CacheDuration : _options.NegativeCacheDuration, expires);
        return validation;
    }

    /// <summary>One introspection round trip. Definitive: the authorization server answered (so the answer may be remembered).</summary>
    private async ValueTask<(McpTokenValidation Validation, bool Definitive, DateTime Expires)> IntrospectAsync(string token, Uri resource, CancellationToken cancellationToken)
    {
        JsonDocument response;
        try
        {
            var endpoint = _endpoint ?? await DiscoverAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token")]),
            };
            // RFC 6749 section 2.3.1: client id and secret are form-encoded before Basic encoding.
            string credentials = Uri.EscapeDataString(_options.ClientId) + ":" + Uri.EscapeDataString(_options.ClientSecret ?? "");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            request.Headers.Accept.ParseAdd("application/json");
            using var http = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!http.IsSuccessStatusCode) return (McpTokenValidation.Invalid("The authorization server could not introspect the token."), false, default);
            response = JsonDocument.Parse(await http.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (AuthorizationServerMetadata.IsFetchFailure(ex))
        {
            return (McpTokenValidation.Invalid("The authorization server could not introspect the token."), false, default);
        }

        using (response)
        {
            var root = response.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.True)
                return (McpTokenValidation.Invalid("The token is not active."), true, default);
            if (root.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String && iss.GetString() != _options.Issuer.OriginalString)
                return (McpTokenValidation.Invalid("The token was not issued by a trusted authorization server."), true, default);
            if (!HasAudience(root, resource))
                return (McpTokenValidation.Invalid("The token was not issued for this resource."), true, default);

            var claims = new List<Claim>();
            foreach (var name in new[] { "sub", "scope", "client_id", "username", "iss" })
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    claims.Add(new Claim(name, value.GetString()!));
            }
            if (!claims.Exists(c => c.Type == "sub"))
                return (McpTokenValidation.Invalid("The token has no subject."), true, default);
            var expires = root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out long seconds) && seconds > 0 && seconds < 253402300799
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime : default;
            if (expires != default && expires <= DateTime.UtcNow)
                return (McpTokenValidation.Invalid("The token has expired."), true, default);
            return (McpTokenValidation.Valid(new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", "sub", null))), true, expires);
        }
    }

    private static bool HasAudience(JsonElement root, Uri resource)
    {
        if (!root.TryGetProperty("aud", out var aud)) return false;
        string expected = resource.OriginalString.TrimEnd('/');
        bool Matches(JsonElement e) => e.ValueKind == JsonValueKind.String && e.GetString()!.TrimEnd('/') == expected;
        return aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Any(Matches) : Matches(aud);
    }

    private async Task<Uri> DiscoverAsync(CancellationToken cancellationToken)
    {
        await _discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_endpoint is not null) return _endpoint;
            return _endpoint = await AuthorizationServerMetadata.FindEndpointAsync(_http, _options.Issuer, "introspection_endpoint", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _discovery.Release();
        }
    }
}
