using McpGen.Protocol;

namespace McpGen;

/// <summary>Configures an <see cref="McpServer"/>. Every limit has a safe default.</summary>
public sealed class McpServerOptions
{
    /// <summary>The name and version the server reports in <c>initialize</c>.</summary>
    public Implementation ServerInfo { get; set; } = new() { Name = "mcpgen-server", Version = "1.0.0" };

    /// <summary>How to use the server: a hint clients may add to the model's system prompt.</summary>
    public string? Instructions { get; set; }

    /// <summary>The registries whose tools, prompts and resources the server offers (e.g. the generated one).</summary>
    public IList<McpRegistry> Registries { get; } = new List<McpRegistry>();

    /// <summary>Items per page of every <c>*/list</c> result; <see langword="null"/> (the default) sends all in one page.</summary>
    public int? PageSize { get; set; }

    /// <summary>The largest message accepted, in bytes (default 4 MiB). Larger ones are answered with an error and skipped.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted (default 64).</summary>
    public int MaxDepth { get; set; } = JsonRpc.JsonRpcMessageParser.DefaultMaxDepth;

    /// <summary>How many requests of one session may run at once (default 256); more are answered with an error.</summary>
    public int MaxInFlightRequestsPerSession { get; set; } = 256;

    /// <summary>
    /// The bytes that the messages of all requests in flight may hold together, across every session and transport
    /// (default 256 MiB). A request that would go beyond is answered at once with -32000 (server busy) instead of running,
    /// so slow or hung calls carrying large arguments cannot pin unbounded memory. <c>ping</c> is not counted.
    /// </summary>
    public long MaxInFlightRequestBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How long a server-to-client request (sampling, elicitation, roots) waits for its answer (default 5 minutes: users fill forms).</summary>
    public TimeSpan ClientRequestTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The log level used until the client sends <c>logging/setLevel</c> (default <see cref="LoggingLevel.Info"/>).</summary>
    public LoggingLevel DefaultLogLevel { get; set; } = LoggingLevel.Info;

    /// <summary>On stdin EOF or SIGTERM, how long requests in flight may run before the server exits anyway (default 10 s).</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The least time between a request's last notification (progress, log) and its response (default 3 ms, zero to
    /// disable). The official TypeScript client drops a progress notification that arrives in the same read as its
    /// response; this gap keeps them apart. Requests that send no notification are never delayed.
    /// </summary>
    public TimeSpan NotificationSettleTime { get; set; } = TimeSpan.FromMilliseconds(3);

    /// <summary>
    /// Development only: put exception types and stack traces in error results and messages. Off by default, so
    /// clients see only exception messages.
    /// </summary>
    public bool IncludeExceptionDetails { get; set; }

    /// <summary>Which protocol eras are served (default: both, on one endpoint). See <see cref="McpServedEras"/>.</summary>
    public McpServedEras ServedEras { get; set; } = McpServedEras.Both;

    /// <summary>
    /// Caching hints (<c>ttlMs</c>, <c>cacheScope</c>) on <c>server/discover</c>, every list and <c>resources/read</c>
    /// (revision 2026-07-28). Default: <c>ttlMs</c> 0 (re-fetch when needed), and <c>cacheScope</c> <c>private</c> when any
    /// primitive requires scopes (lists then vary by authorization), <c>public</c> otherwise.
    /// </summary>
    public McpCacheHint? CacheHint { get; set; }

    /// <summary>
    /// Seals the <c>requestState</c> of multi round-trip requests (revision 2026-07-28). By default a random key of this
    /// process (state issued by one instance opens only there); behind a load balancer, give every instance a protector
    /// over the same key ring.
    /// </summary>
    public McpRequestStateProtector? RequestStateProtector { get; set; }

    /// <summary>
    /// Where run-time changes (list changes, resource updates) are published and heard; by default in memory (one
    /// instance). Several instances share one bus so that every client hears every change.
    /// </summary>
    public IMcpChangeBus? ChangeBus { get; set; }

    /// <summary>Extensions announced in the server's capabilities (<c>capabilities.extensions</c>), by identifier.</summary>
    public IDictionary<string, System.Text.Json.JsonElement> Extensions { get; } = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal);

    /// <summary>Adds a registry (e.g. <c>GeneratedMcpRegistry.Instance</c>); returns the options for chaining.</summary>
    public McpServerOptions Add(McpRegistry registry)
    {
        Registries.Add(registry ?? throw new ArgumentNullException(nameof(registry)));
        return this;
    }
}
