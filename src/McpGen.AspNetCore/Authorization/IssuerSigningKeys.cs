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
            _jwksUri ??= await AuthorizationServerMetadata.FindEndpointAsync(http, issuer, "jwks_uri", cancellationToken).ConfigureAwait(false);
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
}
