namespace McpGen.JsonRpc;

/// <summary>Maps the UTF-8 method names of MCP to shared string instances, so reading a known method allocates nothing.</summary>
internal static class KnownMethods
{
    private static readonly string[] Names =
    [
        "initialize", "ping", "tools/list", "tools/call", "prompts/list", "prompts/get", "resources/list",
        "resources/templates/list", "resources/read", "resources/subscribe", "resources/unsubscribe", "completion/complete",
        "logging/setLevel", "notifications/initialized", "notifications/cancelled", "notifications/progress",
        "notifications/roots/list_changed", "notifications/message",
    ];

    private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, System.Text.Encoding.UTF8.GetBytes);

    /// <summary>The shared string for a known method, or <see langword="null"/>.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8)
    {
        for (int i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8.SequenceEqual(Utf8Names[i])) return Names[i];
        }
        return null;
    }
}
