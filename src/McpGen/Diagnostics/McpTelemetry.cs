using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpGen.Diagnostics;

/// <summary>
/// McpGen's traces and metrics, in the box: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named
/// <see cref="SourceName"/>, following the OpenTelemetry semantic conventions for MCP. No OpenTelemetry package is
/// needed to produce them; to export them, add the source and the meter to your OpenTelemetry set-up:
/// <c>.WithTracing(t =&gt; t.AddSource(McpTelemetry.SourceName)).WithMetrics(m =&gt; m.AddMeter(McpTelemetry.SourceName))</c>.
/// </summary>
/// <remarks>
/// <para>One server span per request, named <c>{mcp.method.name} {target}</c> (<c>tools/call get_weather</c>; the
/// target is the tool or prompt name; other spans, resource reads included, are named by the method alone, so span
/// names stay low-cardinality), with <c>mcp.method.name</c>, <c>jsonrpc.request.id</c>, <c>mcp.session.id</c>, <c>mcp.protocol.version</c>,
/// <c>gen_ai.tool.name</c> / <c>gen_ai.operation.name</c> (<c>execute_tool</c>) for tools, <c>gen_ai.prompt.name</c>,
/// <c>mcp.resource.uri</c>, and <c>error.type</c> and <c>rpc.response.status_code</c> when it fails (<c>tool_error</c>
/// for a result with <c>isError: true</c>, else the JSON-RPC error code). Its parent is the W3C trace context in the
/// request's <c>params._meta</c> (<c>traceparent</c>, <c>tracestate</c>) when the client sent one, else the current
/// activity (an HTTP server span, for instance), which is then linked.</para>
/// <para>Metrics: <c>mcp.server.operation.duration</c> and <c>mcp.server.session.duration</c>, histograms in
/// seconds.</para>
/// <para><c>mcp.session.id</c> is not the session id itself: an HTTP session id lets whoever holds it speak in that
/// session, and trace stores are read by more people than the server's memory. The attribute is a stable digest of it
/// (16 hex digits of SHA-256), so spans of one session still group together.</para>
/// <para>When nothing listens (no <see cref="ActivityListener"/> for the source, no <see cref="MeterListener"/> on the
/// instruments), starting and stopping an operation costs two checks and allocates nothing.</para>
/// </remarks>
public static class McpTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>: <c>McpGen</c>.</summary>
    public const string SourceName = "McpGen";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static readonly Meter Meter = new(SourceName);

    internal static readonly Histogram<double> OperationDuration = CreateDuration(
        McpSemanticConventions.OperationDurationMetric, "The duration of MCP requests the server handled.");

    internal static readonly Histogram<double> SessionDuration = CreateDuration(
        McpSemanticConventions.SessionDurationMetric, "The duration of MCP sessions the server served.");

    private static Histogram<double> CreateDuration(string name, string description)
    {
#if NET9_0_OR_GREATER
        // Bucket boundaries the semantic conventions advise for MCP durations (seconds).
        return Meter.CreateHistogram(name, "s", description, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300] });
#else
        return Meter.CreateHistogram<double>(name, "s", description);
#endif
    }

    /// <summary>Whether anybody listens: a span would be recorded or the duration histogram is enabled.</summary>
    internal static bool IsEnabled => Source.HasListeners() || OperationDuration.Enabled;

    /// <summary>
    /// Starts the telemetry of one request, before it is dispatched. Returns a no-op handle (nothing allocated) when
    /// nobody listens. Call <see cref="McpOperation.Stop(ReadOnlySpan{byte})"/> with the response written, or
    /// <see cref="McpOperation.Stop(string?)"/>, exactly once.
    /// </summary>
    /// <param name="request">The request (its method, id and <c>params</c>: the target and <c>_meta</c> trace context are read from them only when listened to).</param>
    /// <param name="sessionId">The session id, or <see langword="null"/> for a request without a session.</param>
    /// <param name="protocolVersion">The protocol revision the request is served under.</param>
    /// <param name="networkTransport"><c>pipe</c> (stdio), <c>tcp</c> (HTTP), or <see langword="null"/> when unknown.</param>
    internal static McpOperation StartOperation(JsonRpc.JsonRpcMessage request, string? sessionId, string? protocolVersion, string? networkTransport = null)
    {
        bool traced = Source.HasListeners();
        bool timed = OperationDuration.Enabled;
        if (!traced && !timed) return default;
        return McpOperation.Start(request, sessionId, protocolVersion, networkTransport, traced, timed);
    }

    /// <summary>
    /// Starts timing a session (<c>mcp.server.session.duration</c>), when it opens; a no-op handle when nobody listens.
    /// Call <see cref="McpSessionTimer.Stop"/> when the session ends.
    /// </summary>
    internal static McpSessionTimer StartSession(string? networkTransport = null)
        => SessionDuration.Enabled ? new McpSessionTimer(Stopwatch.GetTimestamp(), networkTransport) : default;
}

/// <summary>Times one session for <c>mcp.server.session.duration</c>; <see langword="default"/> does nothing.</summary>
internal readonly struct McpSessionTimer
{
    private readonly long _start;
    private readonly string? _transport;

    internal McpSessionTimer(long start, string? transport)
    {
        _start = start;
        _transport = transport;
    }

    /// <summary>Records the session's duration, with the protocol version it negotiated and <c>error.type</c> if it ended by an error.</summary>
    public void Stop(string? protocolVersion, string? errorType = null)
    {
        if (_start == 0) return;
        var tags = new TagList();
        if (protocolVersion is not null) tags.Add(McpSemanticConventions.ProtocolVersion, protocolVersion);
        if (_transport is not null) tags.Add(McpSemanticConventions.NetworkTransport, _transport);
        if (errorType is not null) tags.Add(McpSemanticConventions.ErrorType, errorType);
        McpTelemetry.SessionDuration.Record(Stopwatch.GetElapsedTime(_start).TotalSeconds, in tags);
    }
}
