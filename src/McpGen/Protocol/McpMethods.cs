namespace McpGen.Protocol;

/// <summary>
/// The JSON-RPC method names of MCP requests, spelled once. The parser's allocation-free method lookup and the
/// dispatch table are built from these constants.
/// </summary>
public static class McpMethods
{
    /// <summary><c>initialize</c>: starts a session (revisions up to 2025-11-25).</summary>
    public const string Initialize = "initialize";

    /// <summary><c>ping</c>.</summary>
    public const string Ping = "ping";

    /// <summary><c>server/discover</c>: what the server supports (revision 2026-07-28).</summary>
    public const string ServerDiscover = "server/discover";

    /// <summary><c>tools/list</c>.</summary>
    public const string ToolsList = "tools/list";

    /// <summary><c>tools/call</c>.</summary>
    public const string ToolsCall = "tools/call";

    /// <summary><c>prompts/list</c>.</summary>
    public const string PromptsList = "prompts/list";

    /// <summary><c>prompts/get</c>.</summary>
    public const string PromptsGet = "prompts/get";

    /// <summary><c>resources/list</c>.</summary>
    public const string ResourcesList = "resources/list";

    /// <summary><c>resources/templates/list</c>.</summary>
    public const string ResourceTemplatesList = "resources/templates/list";

    /// <summary><c>resources/read</c>.</summary>
    public const string ResourcesRead = "resources/read";

    /// <summary><c>resources/subscribe</c>.</summary>
    public const string ResourcesSubscribe = "resources/subscribe";

    /// <summary><c>resources/unsubscribe</c>.</summary>
    public const string ResourcesUnsubscribe = "resources/unsubscribe";

    /// <summary><c>completion/complete</c>.</summary>
    public const string CompletionComplete = "completion/complete";

    /// <summary><c>logging/setLevel</c>.</summary>
    public const string LoggingSetLevel = "logging/setLevel";

    /// <summary><c>subscriptions/listen</c>: a stream of change notifications (revision 2026-07-28).</summary>
    public const string SubscriptionsListen = "subscriptions/listen";

    /// <summary><c>sampling/createMessage</c> (server to client).</summary>
    public const string SamplingCreateMessage = "sampling/createMessage";

    /// <summary><c>elicitation/create</c> (server to client).</summary>
    public const string ElicitationCreate = "elicitation/create";

    /// <summary><c>roots/list</c> (server to client).</summary>
    public const string RootsList = "roots/list";

    /// <summary>Every method above: what the client may send and what the server may send.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Initialize, Ping, ServerDiscover, ToolsList, ToolsCall, PromptsList, PromptsGet, ResourcesList, ResourceTemplatesList,
        ResourcesRead, ResourcesSubscribe, ResourcesUnsubscribe, CompletionComplete, LoggingSetLevel, SubscriptionsListen,
        SamplingCreateMessage, ElicitationCreate, RootsList,
    ];
}

/// <summary>The JSON-RPC method names of MCP notifications, spelled once.</summary>
public static class McpNotifications
{
    /// <summary><c>notifications/initialized</c>.</summary>
    public const string Initialized = "notifications/initialized";

    /// <summary><c>notifications/cancelled</c>.</summary>
    public const string Cancelled = "notifications/cancelled";

    /// <summary><c>notifications/progress</c>.</summary>
    public const string Progress = "notifications/progress";

    /// <summary><c>notifications/message</c>: a log message.</summary>
    public const string Message = "notifications/message";

    /// <summary><c>notifications/roots/list_changed</c>.</summary>
    public const string RootsListChanged = "notifications/roots/list_changed";

    /// <summary><c>notifications/tools/list_changed</c>.</summary>
    public const string ToolsListChanged = "notifications/tools/list_changed";

    /// <summary><c>notifications/prompts/list_changed</c>.</summary>
    public const string PromptsListChanged = "notifications/prompts/list_changed";

    /// <summary><c>notifications/resources/list_changed</c>.</summary>
    public const string ResourcesListChanged = "notifications/resources/list_changed";

    /// <summary><c>notifications/resources/updated</c>.</summary>
    public const string ResourceUpdated = "notifications/resources/updated";

    /// <summary><c>notifications/elicitation/complete</c> (revision 2025-11-25).</summary>
    public const string ElicitationComplete = "notifications/elicitation/complete";

    /// <summary><c>notifications/subscriptions/acknowledged</c>: the first frame of a listen stream (revision 2026-07-28).</summary>
    public const string SubscriptionsAcknowledged = "notifications/subscriptions/acknowledged";

    /// <summary>Every notification above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Initialized, Cancelled, Progress, Message, RootsListChanged, ToolsListChanged, PromptsListChanged, ResourcesListChanged,
        ResourceUpdated, ElicitationComplete, SubscriptionsAcknowledged,
    ];
}
