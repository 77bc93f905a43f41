using Microsoft.IdentityModel.Tokens;

namespace McpGen.AspNetCore;

/// <summary>
/// One authorization server's signing keys: found through its metadata (RFC 8414
/// <c>/.well-known/oauth-authorization-server</c>, then OpenID Connect discovery), cached, and fetched again after
/// <see cref="JwtTokenValidatorOptions.KeyRefreshInterval"/> or early when a token names an unknown key id (or a known
/// one whose signature does not verify: a rotation that reused the <c>kid</c>).
/// Failures: every fetch attempt, successful or not, starts the <see cref="JwtTokenValidatorOptions.MinimumKeyRefreshInterval"/>;
/// after a failure the next attempt waits longer (doubling, up to <see cref="MaxBackoff"/>), and the keys fetched
/// last keep serving, so an outage of the issuer neither refuses valid tokens nor lets tokens trigger a fetch each.
/// </summary>
internal sealed class IssuerSigningKeys(Uri issuer, JwtTokenValidatorOptions options, HttpClient http)
{
    /// <summary>The longest wait between two attempts after repeated failures.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SecurityKey>? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;   // last success
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue; // no attempt before this (minimum interval or backoff)
    private int _failures;
    private Uri? _jwksUri;

    public string Issuer { get; } = issuer.OriginalString;

    /// <summary>Consecutive failed fetches (0 after a success).</summary>
    public int Failures => Volatile.Read(ref _failures);

    public async ValueTask<IReadOnlyList<SecurityKey>> GetAsync(CancellationToken cancellationToken)
    {
        var keys = Volatile.Read(ref _keys);
        if (keys is not null && DateTimeOffset.UtcNow - _fetchedAt < options.KeyRefreshInterval) return keys;
        return await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches the keys again, unless an attempt was made less than the minimum interval ago (or a failure's backoff
    /// has not passed), in which case the cached keys are returned. A failed fetch returns the cached keys too; it
    /// throws only when no keys were ever fetched.
    /// </summary>
    public async ValueTask<IReadOnlyList<SecurityKey>> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = DateTimeOffset.UtcNow;
            if (_keys is not null && (now < _nextAttempt || (!force && now - _fetchedAt < options.KeyRefreshInterval))) return _keys;
            if (_keys is null && now < _nextAttempt)
                throw new InvalidOperationException($"The signing keys of '{Issuer}' could not be fetched; the next attempt is after {_nextAttempt:O}.");
            try
            {
                _jwksUri ??= await AuthorizationServerMetadata.FindEndpointAsync(http, issuer, "jwks_uri", cancellationToken).ConfigureAwait(false);
                string json = await http.GetStringAsync(_jwksUri, cancellationToken).ConfigureAwait(false);
                var keys = new JsonWebKeySet(json).GetSigningKeys();
                Volatile.Write(ref _keys, [.. keys]);
                _fetchedAt = DateTimeOffset.UtcNow;
                _nextAttempt = _fetchedAt + options.MinimumKeyRefreshInterval;
                Volatile.Write(ref _failures, 0);
                return _keys!;
            }
            catch (Exception ex) when (AuthorizationServerMetadata.IsFetchFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                int failures = Interlocked.Increment(ref _failures);
                _nextAttempt = DateTimeOffset.UtcNow + Backoff(options.MinimumKeyRefreshInterval, failures);
                if (_keys is not null) return _keys; // keep serving: the keys fetched last still verify the tokens they signed
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The wait after the <paramref name="failures"/>th consecutive failure: the minimum interval, doubled each time, at most <see cref="MaxBackoff"/>.</summary>
    internal static TimeSpan Backoff(TimeSpan minimum, int failures)
    {
        var cap = minimum > MaxBackoff ? minimum : MaxBackoff;
        double factor = Math.Pow(2, Math.Min(failures - 1, 20));
        double ticks = Math.Min(minimum.Ticks * factor, cap.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
