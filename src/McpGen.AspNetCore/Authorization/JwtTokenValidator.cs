using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGen.AspNetCore;

/// <summary>
/// Validates JWT access tokens (RFC 9068 style) locally: the issuer must be a trusted authorization server, the
/// signature must verify with one of its published keys (JWKS, cached, refreshed on rotation), the audience must be
/// this resource's canonical URI (RFC 8707), and the token must be within its lifetime (with a small clock skew).
/// </summary>
public sealed class JwtTokenValidator : IMcpTokenValidator
{
    private readonly JwtTokenValidatorOptions _options;
    private readonly Dictionary<string, IssuerSigningKeys> _issuers;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ValidationCache _validated;

    /// <summary>Creates a validator trusting <paramref name="issuers"/>, with default settings.</summary>
    /// <exception cref="ArgumentException">No issuer is given.</exception>
    public JwtTokenValidator(params Uri[] issuers) : this(WithIssuers(issuers))
    {
    }

    private static JwtTokenValidatorOptions WithIssuers(Uri[] issuers)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        var options = new JwtTokenValidatorOptions();
        foreach (var issuer in issuers) options.Issuers.Add(issuer);
        return options;
    }

    /// <summary>Creates a validator trusting <see cref="JwtTokenValidatorOptions.Issuers"/>.</summary>
    /// <exception cref="ArgumentException">No issuer is configured.</exception>
    public JwtTokenValidator(JwtTokenValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Issuers.Count == 0) throw new ArgumentException("At least one trusted issuer is required.", nameof(options));
        _options = options;
        _validated = new ValidationCache(options.MaxCachedTokens);
        var http = options.Backchannel ?? new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _issuers = options.Issuers.ToDictionary(i => i.OriginalString, i => new IssuerSigningKeys(i, options, http), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async ValueTask<McpTokenValidation> ValidateAsync(string token, Uri resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(resource);
        if (_validated.TryGet(token, resource, out var cached)) return cached;
        var (validation, expires) = await ValidateUncachedAsync(token, resource, cancellationToken).ConfigureAwait(false);
        if (validation.IsValid) _validated.Add(token, resource, validation, _options.ValidatedTokenCacheDuration, expires);
        return validation;
    }

    /// <summary>Validates from scratch; also returns the token's expiry (for the cache). The token is parsed once.</summary>
    private async ValueTask<(McpTokenValidation Validation, DateTime Expires)> ValidateUncachedAsync(string token, Uri resource, CancellationToken cancellationToken)
    {
        if (!_handler.CanReadToken(token)) return (McpTokenValidation.Invalid("The token is not a JWT."), default);
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return (McpTokenValidation.Invalid("The token is not a JWT."), default);
        }
        // RFC 7515 section 4.1.11: a recipient must refuse a token whose "crit" names extensions it does not
        // understand. This validator understands none, so any "crit" is a refusal.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
            return (McpTokenValidation.Invalid("The token has critical header parameters this server does not understand."), default);
        if (jwt.Issuer is not { } issuer || !_issuers.TryGetValue(issuer, out var keys))
            return (McpTokenValidation.Invalid("The token was not issued by a trusted authorization server."), default);
        return (await ValidateSignedAsync(jwt, keys, resource, cancellationToken).ConfigureAwait(false), jwt.ValidTo);
    }

    private async ValueTask<McpTokenValidation> ValidateSignedAsync(JsonWebToken jwt, IssuerSigningKeys keys, Uri resource, CancellationToken cancellationToken)
    {
        IReadOnlyList<SecurityKey> signingKeys;
        try
        {
            signingKeys = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AuthorizationServerMetadata.IsFetchFailure(ex))
        {
            return McpTokenValidation.Invalid("The authorization server's signing keys are unavailable.");
        }

        var result = await _handler.ValidateTokenAsync(jwt, Parameters(keys.Issuer, resource, signingKeys)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException)
        {
            // An unknown key id, or a known one whose signature does not verify: the issuer may have rotated its keys
            // (possibly reusing the kid with new key material). Fetch them again (rate-limited, cached keys kept on
            // failure) and retry once.
            try
            {
                signingKeys = await keys.RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (AuthorizationServerMetadata.IsFetchFailure(ex))
            {
                return McpTokenValidation.Invalid("The authorization server's signing keys are unavailable.");
            }
            result = await _handler.ValidateTokenAsync(jwt, Parameters(keys.Issuer, resource, signingKeys)).ConfigureAwait(false);
        }
        if (result.IsValid)
        {
            // A session is bound to its creator's subject; a token without one could not be told apart from another
            // user's (RFC 9068 makes sub required in JWT access tokens anyway).
            if (string.IsNullOrEmpty(result.ClaimsIdentity.FindFirst("sub")?.Value)) return McpTokenValidation.Invalid("The token has no subject.");
            return McpTokenValidation.Valid(new ClaimsPrincipal(result.ClaimsIdentity));
        }
        return McpTokenValidation.Invalid(result.Exception switch
        {
            SecurityTokenExpiredException => "The token has expired.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            SecurityTokenInvalidAudienceException => "The token was not issued for this resource.",
            SecurityTokenInvalidIssuerException => "The token was not issued by a trusted authorization server.",
            SecurityTokenNoExpirationException => "The token has no expiry.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not verify.",
            SecurityTokenInvalidAlgorithmException => "The token's signature algorithm is not accepted.",
            _ => "The token is invalid.",
        });
    }

    private TokenValidationParameters Parameters(string issuer, Uri resource, IReadOnlyList<SecurityKey> keys)
    {
        string audience = resource.OriginalString;
        return new TokenValidationParameters
        {
            ValidIssuer = issuer,
            // RFC 8707 compares resource URIs exactly; a trailing slash is the one variation clients commonly add.
            ValidAudiences = audience.EndsWith('/') ? [audience, audience.TrimEnd('/')] : [audience, audience + "/"],
            IssuerSigningKeys = keys,
            ValidAlgorithms = _options.ValidAlgorithms,
            ClockSkew = _options.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            AuthenticationType = "Bearer",
            NameClaimType = "sub",
            TryAllIssuerSigningKeys = true, // tokens without a kid; an unknown kid still ends in SecurityTokenSignatureKeyNotFoundException
        };
    }
}
