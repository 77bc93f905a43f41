namespace McpGen.Protocol;

/// <summary>The reserved <c>_meta</c> keys of MCP, spelled once.</summary>
public static class McpMetaKeys
{
    /// <summary>The request's protocol revision (revision 2026-07-28: on every request).</summary>
    public const string ProtocolVersion = "io.modelcontextprotocol/protocolVersion";

    /// <summary>The client's capabilities for this request.</summary>
    public const string ClientCapabilities = "io.modelcontextprotocol/clientCapabilities";

    /// <summary>Who the client is.</summary>
    public const string ClientInfo = "io.modelcontextprotocol/clientInfo";

    /// <summary>The log level the request asks for; without it, no log messages are sent for the request.</summary>
    public const string LogLevel = "io.modelcontextprotocol/logLevel";

    /// <summary>Who the server is (on results).</summary>
    public const string ServerInfo = "io.modelcontextprotocol/serverInfo";

    /// <summary>The <c>subscriptions/listen</c> request a notification belongs to.</summary>
    public const string SubscriptionId = "io.modelcontextprotocol/subscriptionId";
}
