using System.Collections.Frozen;
using McpGen.JsonRpc;

namespace McpGen.Protocol;

/// <summary>Where a request's client facts (capabilities, client info, log level) come from.</summary>
public enum McpClientFactsSource
{
    /// <summary>From the session: declared once in <c>initialize</c>, the log level set by <c>logging/setLevel</c>.</summary>
    Session,

    /// <summary>From the request's own <c>params._meta</c> (revision 2026-07-28 and later: no sessions).</summary>
    RequestMeta,
}

/// <summary>How a handler's request to the client (sampling, elicitation, roots) reaches it.</summary>
public enum McpClientRequestStyle
{
    /// <summary>Sent as a JSON-RPC request on the request's stream; the handler awaits the client's response.</summary>
    ServerToClientRequest,

    /// <summary>Returned as an input-required result; the client retries the request with the answers (MRTR).</summary>
    InputRequiredResult,
}

/// <summary>
/// One protocol revision and every behaviour that differs between revisions. The request runner picks the revision
/// of each request (the session's negotiated one, or the one the request names in <c>_meta</c>) and code that
/// behaves differently asks it, never a version string.
/// </summary>
public sealed class McpProtocolRevision
{
    private readonly FrozenSet<string> _methods;

    private McpProtocolRevision(string version, bool hasInitializeHandshake, McpClientFactsSource clientFacts, int resourceNotFoundCode,
        bool resourceNotFoundCarriesUri, bool resultsCarryResultType, McpClientRequestStyle clientRequests, bool listResultsCarryCacheHints,
        IEnumerable<string> methods)
    {
        Version = version;
        HasInitializeHandshake = hasInitializeHandshake;
        ClientFacts = clientFacts;
        ResourceNotFoundCode = resourceNotFoundCode;
        ResourceNotFoundCarriesUri = resourceNotFoundCarriesUri;
        ResultsCarryResultType = resultsCarryResultType;
        ClientRequests = clientRequests;
        ListResultsCarryCacheHints = listResultsCarryCacheHints;
        _methods = methods.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The revision's date string, e.g. <c>2025-11-25</c>.</summary>
    public string Version { get; }

    /// <summary>Whether a session starts with <c>initialize</c> (and requests before it are refused).</summary>
    public bool HasInitializeHandshake { get; }

    /// <summary>Where client capabilities, client info and the log level come from.</summary>
    public McpClientFactsSource ClientFacts { get; }

    /// <summary>The error code of <c>resources/read</c> for an unknown URI.</summary>
    public int ResourceNotFoundCode { get; }

    /// <summary>Whether the resource-not-found error carries <c>data.uri</c>.</summary>
    public bool ResourceNotFoundCarriesUri { get; }

    /// <summary>Whether every result carries <c>resultType</c>.</summary>
    public bool ResultsCarryResultType { get; }

    /// <summary>How sampling, elicitation and roots requests reach the client.</summary>
    public McpClientRequestStyle ClientRequests { get; }

    /// <summary>Whether list results (and discovery, reads) carry the caching hints <c>ttlMs</c> and <c>cacheScope</c>.</summary>
    public bool ListResultsCarryCacheHints { get; }

    /// <summary>Whether an error response must carry <c>id</c> (<c>null</c> when unknown): revisions before 2025-11-25; later ones may leave it out.</summary>
    public bool ErrorResponsesRequireId => Version is ProtocolVersions.V2025_06_18 or ProtocolVersions.V2025_03_26 or ProtocolVersions.V2024_11_05;

    /// <summary>Whether <paramref name="method"/> exists in this revision (a request for another method is answered -32601).</summary>
    public bool Offers(string method) => _methods.Contains(method);

    private static readonly string[] SessionEraMethods =
    [
        McpMethods.Initialize, McpMethods.Ping, McpMethods.ToolsList, McpMethods.ToolsCall, McpMethods.PromptsList, McpMethods.PromptsGet,
        McpMethods.ResourcesList, McpMethods.ResourceTemplatesList, McpMethods.ResourcesRead, McpMethods.ResourcesSubscribe,
        McpMethods.ResourcesUnsubscribe, McpMethods.CompletionComplete, McpMethods.LoggingSetLevel,
    ];

    private static readonly string[] PerRequestEraMethods =
    [
        McpMethods.ServerDiscover, McpMethods.ToolsList, McpMethods.ToolsCall, McpMethods.PromptsList, McpMethods.PromptsGet,
        McpMethods.ResourcesList, McpMethods.ResourceTemplatesList, McpMethods.ResourcesRead, McpMethods.CompletionComplete,
        McpMethods.SubscriptionsListen,
    ];

    /// <summary>Revision 2026-07-28: no handshake, no sessions; every request carries its version and client facts in <c>_meta</c>.</summary>
    public static McpProtocolRevision V2026_07_28 { get; } = new(ProtocolVersions.V2026_07_28, hasInitializeHandshake: false, McpClientFactsSource.RequestMeta,
        JsonRpcErrorCodes.InvalidParams, resourceNotFoundCarriesUri: true, resultsCarryResultType: true,
        McpClientRequestStyle.InputRequiredResult, listResultsCarryCacheHints: true, PerRequestEraMethods);

    private static McpProtocolRevision SessionEra(string version) => new(version, hasInitializeHandshake: true, McpClientFactsSource.Session,
        JsonRpcErrorCodes.ResourceNotFound, resourceNotFoundCarriesUri: false, resultsCarryResultType: false,
        McpClientRequestStyle.ServerToClientRequest, listResultsCarryCacheHints: false, SessionEraMethods);

    /// <summary>Revision 2025-11-25.</summary>
    public static McpProtocolRevision V2025_11_25 { get; } = SessionEra(ProtocolVersions.V2025_11_25);

    /// <summary>Revision 2025-06-18.</summary>
    public static McpProtocolRevision V2025_06_18 { get; } = SessionEra(ProtocolVersions.V2025_06_18);

    /// <summary>Revision 2025-03-26.</summary>
    public static McpProtocolRevision V2025_03_26 { get; } = SessionEra(ProtocolVersions.V2025_03_26);

    /// <summary>Revision 2024-11-05.</summary>
    public static McpProtocolRevision V2024_11_05 { get; } = SessionEra(ProtocolVersions.V2024_11_05);

    /// <summary>Every revision served, newest first.</summary>
    public static IReadOnlyList<McpProtocolRevision> All { get; } = [V2026_07_28, V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05];

    /// <summary>The revisions negotiated by <c>initialize</c>, newest first.</summary>
    public static IReadOnlyList<McpProtocolRevision> WithHandshake { get; } = [.. All.Where(static r => r.HasInitializeHandshake)];

    /// <summary>The revisions whose requests carry their own metadata (no sessions), newest first.</summary>
    public static IReadOnlyList<McpProtocolRevision> PerRequest { get; } = [.. All.Where(static r => !r.HasInitializeHandshake)];

    /// <summary>The revision <c>initialize</c> settles on for <paramref name="requested"/>: the client's when it has a handshake, otherwise the newest that does.</summary>
    public static McpProtocolRevision Negotiate(string? requested) => Find(requested) is { HasInitializeHandshake: true } revision ? revision : WithHandshake[0];

    /// <summary>The revision named <paramref name="version"/>, or <see langword="null"/> when it is not served.</summary>
    public static McpProtocolRevision? Find(string? version)
    {
        foreach (var revision in All)
            if (revision.Version == version) return revision;
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Version;
}
