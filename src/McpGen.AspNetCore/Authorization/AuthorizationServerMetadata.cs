using System.Text.Json;

namespace McpGen.AspNetCore;

/// <summary>
/// Reads an authorization server's metadata: RFC 8414 (<c>/.well-known/oauth-authorization-server</c>, the issuer's
/// path after the prefix), then OpenID Connect discovery. Used by both token validators.
/// </summary>
internal static class AuthorizationServerMetadata
{
    /// <summary>
    /// The endpoint named <paramref name="property"/> (<c>jwks_uri</c>, <c>introspection_endpoint</c>) in the metadata
    /// of <paramref name="issuer"/>, whose own <c>issuer</c> must match (RFC 8414 section 3.3).
    /// </summary>
    /// <exception cref="InvalidOperationException">No metadata, metadata of another issuer, or no such endpoint.</exception>
    public static async Task<Uri> FindEndpointAsync(HttpClient http, Uri issuer, string property, CancellationToken cancellationToken)
    {
        string expected = issuer.OriginalString;
        foreach (var metadataUri in MetadataUris(issuer))
        {
            using var response = await http.GetAsync(metadataUri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) continue;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            var root = doc.RootElement;
            if (!root.TryGetProperty("issuer", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != expected)
                throw new InvalidOperationException($"The metadata at {metadataUri} names another issuer than '{expected}'.");
            if (root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var endpoint))
                return endpoint;
            throw new InvalidOperationException($"The metadata at {metadataUri} has no {property}.");
        }
        throw new InvalidOperationException($"No authorization server metadata found for issuer '{expected}'.");
    }

    /// <summary>Whether <paramref name="ex"/> is a failure to reach or read the authorization server (answered as a refused token).</summary>
    public static bool IsFetchFailure(Exception ex) =>
        ex is HttpRequestException or InvalidOperationException or JsonException or ArgumentException or TaskCanceledException;

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
