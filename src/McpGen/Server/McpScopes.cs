using System.Security.Claims;
using McpGen.JsonRpc;

namespace McpGen;

/// <summary>
/// OAuth scopes of a request's user, as the transport authenticated it. A scope is granted when a <c>scope</c> or
/// <c>scp</c> claim lists it (one claim per scope, or one space-separated claim, as access tokens carry them).
/// </summary>
/// <remarks>
/// Scopes are enforced only for requests with an authenticated <see cref="McpRequestContext.User"/>: transports that
/// do not authenticate (stdio, where the spec leaves authorization to the environment, or HTTP without
/// authorization configured) see every primitive.
/// </remarks>
public static class McpScopes
{
    /// <summary>Whether <paramref name="user"/> was granted <paramref name="scope"/>.</summary>
    public static bool IsGranted(ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var claim in user.Claims)
        {
            if (claim.Type is not ("scope" or "scp")) continue;
            foreach (var part in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (part == scope) return true;
        }
        return false;
    }

    /// <summary>Every scope granted to <paramref name="user"/>, in the order the token lists them.</summary>
    public static IReadOnlyList<string> Granted(ClaimsPrincipal? user)
    {
        if (user is null) return [];
        var scopes = new List<string>();
        foreach (var claim in user.Claims)
        {
            if (claim.Type is not ("scope" or "scp")) continue;
            foreach (var part in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (!scopes.Contains(part)) scopes.Add(part);
        }
        return scopes;
    }

    /// <summary>
    /// The scopes of <paramref name="required"/> that <paramref name="user"/> lacks; empty when all are granted or
    /// when the request is not authenticated (no enforcement).
    /// </summary>
    public static IReadOnlyList<string> Missing(ClaimsPrincipal? user, IReadOnlyList<string> required)
    {
        if (required.Count == 0 || user?.Identity?.IsAuthenticated != true) return [];
        List<string>? missing = null;
        foreach (var scope in required)
            if (!IsGranted(user, scope)) (missing ??= []).Add(scope);
        return missing ?? (IReadOnlyList<string>)[];
    }

    /// <summary>
    /// Whether <paramref name="scope"/> is a valid OAuth scope token (RFC 6749 section 3.3: one or more printable
    /// ASCII characters other than space, <c>"</c> and <c>\</c>).
    /// </summary>
    public static bool IsValidScope(string? scope)
    {
        if (string.IsNullOrEmpty(scope)) return false;
        foreach (char c in scope)
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') return false;
        return true;
    }

    /// <summary>Whether every scope of <paramref name="required"/> is among <paramref name="granted"/> (from <see cref="Granted"/>).</summary>
    internal static bool ContainsAll(IReadOnlyList<string> granted, IReadOnlyList<string> required)
    {
        foreach (var scope in required)
        {
            bool found = false;
            foreach (var g in granted)
            {
                if (g == scope) { found = true; break; }
            }
            if (!found) return false;
        }
        return true;
    }

    /// <summary>Throws <see cref="McpInsufficientScopeException"/> when the request's user lacks any of <paramref name="required"/>.</summary>
    internal static void Demand(McpRequestContext context, IReadOnlyList<string> required, string kind, string name)
    {
        if (required.Count == 0) return; // the common case: no allocation, not even the message
        var missing = Missing(context.User, required);
        if (missing.Count > 0) throw new McpInsufficientScopeException($"{kind} '{name}'", missing);
    }
}

/// <summary>
/// The caller's token lacks a scope the primitive needs. Over HTTP with authorization the transport answers such
/// requests with 403 and <c>error="insufficient_scope"</c> before they reach a handler; elsewhere this is a
/// JSON-RPC error (-32000) naming the scopes to ask for.
/// </summary>
public sealed class McpInsufficientScopeException : McpException
{
    /// <summary>Creates the exception.</summary>
    public McpInsufficientScopeException(string what, IReadOnlyList<string> missingScopes)
        : base(JsonRpcErrorCodes.ServerError, $"Forbidden: {what} needs the scope(s) {string.Join(" ", missingScopes)}; ask the authorization server for them.")
        => MissingScopes = missingScopes;

    /// <summary>The scopes the caller lacks.</summary>
    public IReadOnlyList<string> MissingScopes { get; }
}
