namespace McpGen;

/// <summary>Helpers that keep secrets out of logs.</summary>
public static class McpLog
{
    /// <summary>A session id shortened for logs (its first 4 characters), so logs never hold a usable id.</summary>
    public static string SessionRef(string sessionId) => sessionId.Length <= 4 ? "…" : sessionId[..4] + "…";
}
