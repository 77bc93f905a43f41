using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace McpGen.AspNetCore;

/// <summary>
/// One authorization server's signing keys: found through its metadata (RFC 8414
/// <c>/.well-known/oauth-authorization-server</c>, then OpenID Connect discovery), cached, and fetched again after
/// <see cref="JwtTokenValidatorOptions.KeyRefreshInterval"/> or early when a token names an unknown key id.
/// </summary>
internal sealed class IssuerSigningKeys(Uri issuer, JwtTokenValidatorOptions options, HttpClient http)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private Uri? _jwksUri;

    public string Issuer { get; } = issuer.OriginalString;

    public async ValueTask<IReadOnlyList<SecurityKey>> GetAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - _fetchedAt < options.KeyRefreshInterval) return _keys;
        return await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches the keys again unless they were fetched less than the minimum interval ago.</summary>
    public async ValueTask<IReadOnlyList<SecurityKey>> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var age = DateTimeOffset.UtcNow - _fetchedAt;
            if (age < options.MinimumKeyRefreshInterval || (!force && age < options.KeyRefreshInterval)) return _keys;
            _jwksUri ??= await DiscoverJwksUriAsync(cancellationToken).ConfigureAwait(false);
            string json = await http.GetStringAsync(_jwksUri, cancellationToken).ConfigureAwait(false);
            _keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
            _fetchedAt = DateTimeOffset.UtcNow;
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Uri> DiscoverJwksUriAsync(CancellationToken cancellationToken)
    {
        foreach (var metadataUri in MetadataUris(issuer))
        {
            using var response = await http.GetAsync(metadataUri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) continue;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var root = doc.RootElement;
            // RFC 8414 section 3.3: the metadata's issuer must be the one it was fetched for.
            if (!root.TryGetProperty("issuer", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != Issuer)
                throw new InvalidOperationException($"The metadata at {metadataUri} names another issuer than '{Issuer}'.");
            if (root.TryGetProperty("jwks_uri", out var jwks) && jwks.ValueKind == JsonValueKind.String && Uri.TryCreate(jwks.GetString(), UriKind.Absolute, out var uri))
                return uri;
            throw new InvalidOperationException($"The metadata at {metadataUri} has no jwks_uri.");
        }
        throw new InvalidOperationException($"No authorization server metadata found for issuer '{Issuer}'.");
    }

    /// <summary>RFC 8414 (path inserted after the well-known prefix), then OpenID Connect discovery (path appended).</summary>
    internal static IEnumerable<Uri> MetadataUris(Uri issuer)
    {
        string origin = issuer.GetLeftPart(UriPartial.Authority);
        string path = issuer.AbsolutePath.TrimEnd('/');
        yield return new Uri(origin + "/.well-known/oauth-authorization-server" + path);
        yield return new Uri(origin + "/.well-known/openid-configuration" + path);
        if (path.Length > 0) yield return new Uri(origin + path + "/.well-known/openid-configuration");
    }
}
