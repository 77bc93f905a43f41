using System.Collections.Concurrent;

namespace McpGen.AspNetCore;

/// <summary>
/// Remembers token validations (valid or refused) for a while, keyed by the whole token and the resource, so the same
/// token on later requests costs no signature check or introspection round trip. Bounded: when full it is emptied and
/// fills again (no per-entry bookkeeping on the hot path). Shared by <see cref="JwtTokenValidator"/> and
/// <see cref="IntrospectionTokenValidator"/>.
/// </summary>
internal sealed class ValidationCache(int maxEntries)
{
    private readonly ConcurrentDictionary<(string Token, string Resource), Entry> _entries = new();

    public bool TryGet(string token, Uri resource, out McpTokenValidation validation)
    {
        var key = (token, resource.OriginalString);
        if (_entries.TryGetValue(key, out var entry))
        {
            if (DateTime.UtcNow < entry.Until)
            {
                validation = entry.Validation;
                return true;
            }
            _entries.TryRemove(new KeyValuePair<(string, string), Entry>(key, entry));
        }
        validation = null!;
        return false;
    }

    /// <summary>Remembers <paramref name="validation"/> for <paramref name="duration"/>, never past <paramref name="notAfter"/> (when given).</summary>
    public void Add(string token, Uri resource, McpTokenValidation validation, TimeSpan duration, DateTime notAfter = default)
    {
        if (duration <= TimeSpan.Zero || maxEntries <= 0) return;
        var until = DateTime.UtcNow + duration;
        if (notAfter > DateTime.MinValue && notAfter < until) until = notAfter;
        if (until <= DateTime.UtcNow) return;
        if (_entries.Count >= maxEntries) _entries.Clear();
        _entries[(token, resource.OriginalString)] = new Entry(validation, until);
    }

    public int Count => _entries.Count;

    private sealed record Entry(McpTokenValidation Validation, DateTime Until);
}
