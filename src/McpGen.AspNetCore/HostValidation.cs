using Microsoft.AspNetCore.Http;

namespace McpGen.AspNetCore;

/// <summary>DNS rebinding protection: the Host and Origin headers must name an allowed host.</summary>
internal static class HostValidation
{
    /// <summary>Why the request is refused, or null when its Host and Origin are allowed.</summary>
    public static string? Problem(HttpRequest request, IList<string> allowed)
    {
        if (allowed.Contains("*")) return null;
        string host = request.Host.Host;
        if (string.IsNullOrEmpty(host) || !IsAllowed(host, allowed)) return $"Invalid Host header: {Sanitize(request.Host.Value)}";
        string? origin = request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin) && origin != "null")
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !IsAllowed(uri.Host, allowed)) return $"Invalid Origin header: {Sanitize(origin)}";
        }
        return null;
    }

    private static bool IsAllowed(string host, IList<string> allowed)
    {
        string bracketed = host.Contains(':') && !host.StartsWith('[') ? "[" + host + "]" : host;
        foreach (var a in allowed)
        {
            if (string.Equals(a, host, StringComparison.OrdinalIgnoreCase) || string.Equals(a, bracketed, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Header text made safe to echo in a message (printable ASCII, bounded).</summary>
    public static string Sanitize(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "(none)";
        var chars = value.Take(100).Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray();
        return new string(chars);
    }
}
