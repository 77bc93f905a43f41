namespace McpGen.Protocol;

/// <summary>The MCP protocol revisions McpGen serves, as version strings (their behaviour: <see cref="McpProtocolRevision"/>).</summary>
public static class ProtocolVersions
{
    /// <summary>Revision 2025-11-25, the latest, served by default.</summary>
    public const string V2025_11_25 = "2025-11-25";

    /// <summary>Revision 2025-06-18.</summary>
    public const string V2025_06_18 = "2025-06-18";

    /// <summary>Revision 2025-03-26.</summary>
    public const string V2025_03_26 = "2025-03-26";

    /// <summary>Revision 2024-11-05.</summary>
    public const string V2024_11_05 = "2024-11-05";

    /// <summary>The latest revision.</summary>
    public const string Latest = V2025_11_25;

    /// <summary>Every supported revision, newest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [.. McpProtocolRevision.All.Select(static r => r.Version)];

    /// <summary>Whether <paramref name="version"/> is one McpGen speaks.</summary>
    public static bool IsSupported(string? version) => McpProtocolRevision.Find(version) is not null;

    /// <summary>
    /// Chooses the revision to answer an <c>initialize</c> with: the client's when supported, otherwise the latest
    /// (the client then decides whether it can speak it).
    /// </summary>
    public static string Negotiate(string? requested) => IsSupported(requested) ? requested! : Latest;
}
