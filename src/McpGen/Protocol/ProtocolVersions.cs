namespace McpGen.Protocol;

/// <summary>The MCP protocol revisions McpGen serves, as version strings (their behaviour: <see cref="McpProtocolRevision"/>).</summary>
public static class ProtocolVersions
{
    /// <summary>Revision 2026-07-28: requests carry their own metadata; no <c>initialize</c>, no sessions.</summary>
    public const string V2026_07_28 = "2026-07-28";

    /// <summary>Revision 2025-11-25, the latest with an <c>initialize</c> handshake.</summary>
    public const string V2025_11_25 = "2025-11-25";

    /// <summary>Revision 2025-06-18.</summary>
    public const string V2025_06_18 = "2025-06-18";

    /// <summary>Revision 2025-03-26.</summary>
    public const string V2025_03_26 = "2025-03-26";

    /// <summary>Revision 2024-11-05.</summary>
    public const string V2024_11_05 = "2024-11-05";

    /// <summary>The latest revision negotiated by <c>initialize</c> (what a session-era client gets when it asks for an unknown one).</summary>
    public const string Latest = V2025_11_25;

    /// <summary>Every supported revision, newest first (both eras).</summary>
    public static IReadOnlyList<string> Supported { get; } = [.. McpProtocolRevision.All.Select(static r => r.Version)];

    /// <summary>Whether <paramref name="version"/> is one McpGen speaks.</summary>
    public static bool IsSupported(string? version) => McpProtocolRevision.Find(version) is not null;

    /// <summary>
    /// Chooses the revision to answer an <c>initialize</c> with: the client's when supported, otherwise the latest
    /// (the client then decides whether it can speak it).
    /// </summary>
    public static string Negotiate(string? requested) => McpProtocolRevision.Negotiate(requested).Version;
}
