namespace McpGen.Protocol;

/// <summary>The answer of <c>completion/complete</c>: suggested values for an argument.</summary>
public sealed class Completion
{
    /// <summary>No suggestions.</summary>
    public static Completion Empty { get; } = new() { Values = [], Total = 0, HasMore = false };

    /// <summary>Up to 100 suggested values.</summary>
    public required IReadOnlyList<string> Values { get; init; }

    /// <summary>How many values exist in all, if known.</summary>
    public int? Total { get; init; }

    /// <summary>Whether more values exist than were sent.</summary>
    public bool? HasMore { get; init; }

    /// <summary>
    /// Suggests the candidates that start with <paramref name="prefix"/> (ordinal, case-insensitive), at most 100,
    /// with <see cref="Total"/> and <see cref="HasMore"/> set.
    /// </summary>
    public static Completion FromCandidates(IEnumerable<string> candidates, string? prefix)
    {
        var matches = new List<string>();
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(prefix) || candidate.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                matches.Add(candidate);
        }
        int total = matches.Count;
        if (matches.Count > 100) matches.RemoveRange(100, matches.Count - 100);
        return new Completion { Values = matches, Total = total, HasMore = total > matches.Count };
    }
}

/// <summary>The result of <c>completion/complete</c>.</summary>
public sealed class CompleteResult
{
    /// <summary>The suggestions.</summary>
    public required Completion Completion { get; init; }
}
