namespace McpGen.AspNetCore;

/// <summary>Configures the Streamable HTTP endpoint mapped by <c>MapMcp</c>. Every limit has a safe default.</summary>
public sealed class McpHttpOptions
{
    /// <summary>
    /// Serve without sessions: no <c>Mcp-Session-Id</c>, each POST stands alone (scales out behind a load balancer),
    /// no GET stream, no server-to-client requests. Default: stateful.
    /// </summary>
    public bool Stateless { get; set; }

    /// <summary>Answer requests with one <c>application/json</c> body instead of an SSE stream. Notifications and server-to-client requests of the request then go to the session's GET stream.</summary>
    public bool JsonResponses { get; set; }

    /// <summary>
    /// Host names accepted in the <c>Host</c> and <c>Origin</c> headers (ports ignored); anything else gets 403 before
    /// any MCP processing (DNS rebinding protection). Default: <c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>.
    /// Add your public host names when serving beyond loopback; <c>*</c> turns the check off.
    /// </summary>
    public IList<string> AllowedHosts { get; } = new List<string> { "localhost", "127.0.0.1", "[::1]" };

    /// <summary>
    /// How long a session may stay without any request or open stream before it is ended (default 5 minutes). A session
    /// with a request in progress or an open GET stream never expires; a client that comes back later gets 404 and
    /// initializes again (the spec's rule). Shorter frees abandoned sessions (and their share of the per-user cap) sooner.
    /// </summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most sessions at once (default 1000); an <c>initialize</c> beyond it gets 503.</summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>
    /// The most sessions one authenticated user (by subject) may hold at once (default 100); an <c>initialize</c>
    /// beyond it gets 429, while other users still get sessions.
    /// </summary>
    public int MaxSessionsPerUser { get; set; } = 100;

    /// <summary>
    /// The most sessions one anonymous client address may hold at once (default 100; IPv6 addresses count by /64
    /// prefix); beyond it, 429. Behind a proxy, forward the client's address (<c>UseForwardedHeaders</c>), or every
    /// client shares the proxy's address.
    /// </summary>
    public int MaxSessionsPerClientAddress { get; set; } = 100;

    /// <summary>
    /// Whether anonymous loopback clients (127.0.0.1, ::1) count against <see cref="MaxSessionsPerClientAddress"/>.
    /// Default false: a reverse proxy on the same host makes every client look like loopback, and one shared quota
    /// would let one client lock out all the others (the global <see cref="MaxSessions"/> still applies).
    /// </summary>
    public bool LimitLoopbackClients { get; set; }

    /// <summary>The largest request body in bytes; larger gets 413. Default: the server's <c>MaxMessageBytes</c>.</summary>
    public long? MaxRequestBodyBytes { get; set; }

    /// <summary>
    /// How long a POST body may take to arrive, from the first read to the last byte (default 30 s); a slower one gets
    /// 408 and its connection is closed. Kestrel's own minimum data rate (240 bytes/s) would let a 4 MiB body that stalls
    /// hold its buffer for hours. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan RequestBodyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The bytes that all request bodies still being received may hold together (default 256 MiB); a body that would go
    /// beyond gets 503, so many connections that each send most of a large body cannot exhaust memory.
    /// </summary>
    public long MaxPendingRequestBodyBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The reconnection delay announced in every stream's priming event (<c>retry:</c>, default 1 s).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle SSE stream gets a comment line, so that dead connections are noticed (default 15 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a request may go on after its client dropped the SSE stream without resuming it (default 2 minutes);
    /// then it is cancelled, freeing its in-flight slot. A client that resumes with <c>Last-Event-ID</c> in time keeps it
    /// running. With <see cref="JsonResponses"/> or <see cref="Stateless"/> (nothing to resume), a disconnect cancels at once.
    /// <see cref="Timeout.InfiniteTimeSpan"/>: never.
    /// </summary>
    public TimeSpan AbandonedRequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where SSE events are kept for resumption with <c>Last-Event-ID</c> (default: bounded, in memory).</summary>
    public IMcpEventStore? EventStore { get; set; }

    /// <summary>Events kept per stream by the default in-memory store (default 1000); older ones are dropped.</summary>
    public int MaxEventsPerStream { get; set; } = 1000;

    /// <summary>
    /// Bytes of events the default in-memory store keeps per session (default 16 MiB). Beyond it the session's oldest
    /// completed streams go first, then the oldest events of the stream being written; an event larger than the whole
    /// budget is delivered live only. A client that then resumes from before a dropped event gets 404 with a clear
    /// message, never a stream with a silent gap.
    /// </summary>
    public long MaxEventBytesPerSession { get; set; } = 16L * 1024 * 1024;

    /// <summary>Bytes of events the default in-memory store keeps for all sessions together (default 256 MiB), evicted the same way.</summary>
    public long MaxEventBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Completed request streams whose events the default in-memory store keeps per session, for clients that resume late
    /// (default 64). Older completed streams are dropped first; streams in progress are always kept.
    /// </summary>
    public int MaxCompletedStreamsPerSession { get; set; } = 64;

    /// <summary>
    /// OAuth 2.1 authorization (MCP authorization, revision 2025-11-25). Null (the default): requests are not
    /// authenticated by McpGen, and scopes declared on primitives are not enforced (unless ASP.NET Core authentication
    /// you configure yourself sets an authenticated user). When set, every request needs a valid bearer token for
    /// this resource, and the protected resource metadata is served at
    /// <c>/.well-known/oauth-protected-resource</c> and <c>/.well-known/oauth-protected-resource{pattern}</c>.
    /// </summary>
    public McpAuthorizationOptions? Authorization { get; set; }
}
