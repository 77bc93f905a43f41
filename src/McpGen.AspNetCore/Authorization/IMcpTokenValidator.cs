using System.Security.Claims;

namespace McpGen.AspNetCore;

/// <summary>Checks a bearer token presented to an MCP endpoint that requires authorization.</summary>
public interface IMcpTokenValidator
{
    /// <summary>
    /// Validates <paramref name="token"/>: issuer, signature or introspection, expiry, and that it was issued for
    /// <paramref name="resource"/> (audience; tokens for other resources must be refused: no token passthrough).
    /// </summary>
    /// <param name="token">The token, without the <c>Bearer</c> prefix.</param>
    /// <param name="resource">This server's canonical URI.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    ValueTask<McpTokenValidation> ValidateAsync(string token, Uri resource, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IMcpTokenValidator.ValidateAsync"/>.</summary>
public sealed class McpTokenValidation
{
    private McpTokenValidation(ClaimsPrincipal? principal, string? failure)
    {
        Principal = principal;
        Failure = failure;
    }

    /// <summary>Whether the token is valid for this resource.</summary>
    public bool IsValid => Principal is not null;

    /// <summary>The authenticated principal (its claims include <c>sub</c> and <c>scope</c> or <c>scp</c>).</summary>
    public ClaimsPrincipal? Principal { get; }

    /// <summary>Why the token was refused: a fixed description, safe to send in <c>error_description</c> (never token content).</summary>
    public string? Failure { get; }

    /// <summary>A valid token. The principal's identity must be authenticated.</summary>
    public static McpTokenValidation Valid(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
            throw new ArgumentException("The principal of a valid token must have an authenticated identity (give its ClaimsIdentity an authentication type).", nameof(principal));
        return new(principal, null);
    }

    /// <summary>A refused token, with a description that does not echo the token.</summary>
    public static McpTokenValidation Invalid(string failure) => new(null, failure);
}
