using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace McpGen;

/// <summary>
/// Everything a handler may need about the request it serves: who asks (client info and capabilities, protocol
/// version, user), how to talk back while it runs (progress, logging, sampling, elicitation, roots), its
/// cancellation, and services. The request runner fills it per request from the client state of its
/// <see cref="Revision"/> (a session's, or the request's own), so handlers never depend on a session existing.
/// </summary>
public sealed class McpRequestContext : IAsyncDisposable
{
    private readonly IMcpMessageWriter _output;
    private IServiceScope? _scope;
    private Task _progressTail = Task.CompletedTask;
    private long _lastNotificationTimestamp;
    private Dictionary<object, object?>? _items;

    internal McpRequestContext(McpServer server, IMcpClientState clientState, McpProtocolRevision revision, RequestId requestId, string method,
        IMcpMessageWriter output, CancellationToken cancellationToken)
    {
        Server = server;
        ClientState = clientState;
        Revision = revision;
        RequestId = requestId;
        Method = method;
        _output = output;
        CancellationToken = cancellationToken;
    }

    /// <summary>What the server knows about the client (its session, or nothing kept between requests).</summary>
    internal IMcpClientState ClientState { get; }

    /// <summary>The protocol revision this request is served under.</summary>
    public McpProtocolRevision Revision { get; }

    /// <summary>The server handling the request.</summary>
    public McpServer Server { get; }

    /// <summary>The session the request belongs to; <see langword="null"/> for stateless requests.</summary>
    public McpSession? Session => ClientState as McpSession;

    /// <summary>The request's JSON-RPC id.</summary>
    public RequestId RequestId { get; }

    /// <summary>The request's method, e.g. <c>tools/call</c>.</summary>
    public string Method { get; }

    /// <summary>The protocol revision in use (<see cref="Revision"/>'s version).</summary>
    public string ProtocolVersion => Revision.Version;

    /// <summary>What the client supports.</summary>
    public ClientCapabilities ClientCapabilities => ClientState.Capabilities;

    /// <summary>Who the client is, if it said.</summary>
    public Implementation? ClientInfo => ClientState.ClientInfo;

    /// <summary>The request's progress token (<c>_meta.progressToken</c>); empty when the client wants no progress.</summary>
    public ProgressToken ProgressToken { get; internal set; }

    /// <summary>Cancelled when the client cancels the request, the session ends, or the server stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The authenticated user, when the transport authenticates requests.</summary>
    public ClaimsPrincipal? User { get; init; }

    /// <summary>The lowest log level the client wants to receive now (set by <c>logging/setLevel</c>).</summary>
    /// <remarks>In revision 2026-07-28 a request without <c>_meta["io.modelcontextprotocol/logLevel"]</c> gets no log messages: then this is above every level.</remarks>
    public LoggingLevel MinimumLogLevel => ClientState.LogLevel ?? (Revision.ClientFacts == McpClientFactsSource.RequestMeta ? LoggingNone : Server.Options.DefaultLogLevel);

    /// <summary>Above <see cref="LoggingLevel.Emergency"/>: nothing passes.</summary>
    private const LoggingLevel LoggingNone = (LoggingLevel)int.MaxValue;

    /// <summary>Services for this request: a scope created on first use from the server's provider, disposed after the request.</summary>
    public IServiceProvider Services
    {
        get
        {
            if (_scope is not null) return _scope.ServiceProvider;
            var root = Server.Services;
            if (root.GetService(typeof(IServiceScopeFactory)) is IServiceScopeFactory factory)
            {
                _scope = factory.CreateScope();
                return _scope.ServiceProvider;
            }
            return root;
        }
    }

    /// <summary>A bag for per-request state shared between handlers and middleware.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    /// <summary>
    /// Reports progress as an <see cref="IProgress{T}"/> (bindable to a tool parameter). Reports are sent in order
    /// and all reach the client before the response. Does nothing when the client sent no progress token.
    /// </summary>
    public IProgress<McpProgress> Progress => new ProgressReporter(this);

    /// <summary>Sends <c>notifications/progress</c> for this request. Does nothing when the client sent no progress token.</summary>
    public ValueTask ReportProgressAsync(double progress, double? total = null, string? message = null)
    {
        if (ProgressToken.IsEmpty) return default;
        var payload = new ProgressNotificationParams { ProgressToken = ProgressToken, Progress = progress, Total = total, Message = message };
        return SendNotificationAsync(McpNotifications.Progress, payload, McpJsonContext.Default.ProgressNotificationParams);
    }

    /// <summary>Sends a log message (<c>notifications/message</c>) if <paramref name="level"/> passes the client's level.</summary>
    public ValueTask LogAsync(LoggingLevel level, string message, string? logger = null)
    {
        if (level < MinimumLogLevel) return default;
        return LogCoreAsync(level, logger, w => w.WriteStringValue(message));
    }

    /// <summary>Sends a structured log message (any JSON value) if <paramref name="level"/> passes the client's level.</summary>
    public ValueTask LogAsync(LoggingLevel level, JsonElement data, string? logger = null)
    {
        if (level < MinimumLogLevel) return default;
        return LogCoreAsync(level, logger, data.WriteTo);
    }

    private ValueTask LogCoreAsync(LoggingLevel level, string? logger, Action<Utf8JsonWriter> writeData)
    {
        var buffer = JsonMessageBuffer.Rent();
        var w = buffer.Writer;
        JsonRpcWriter.WriteNotificationStart(w, McpNotifications.Message);
        w.WriteStartObject();
        w.WriteString("level"u8, level.ToWireName());
        if (logger is not null) w.WriteString("logger"u8, logger);
        w.WritePropertyName("data"u8);
        writeData(w);
        w.WriteEndObject();
        w.WriteEndObject();
        return SendAndReturnAsync(buffer);
    }

    /// <summary>Sends a notification on this request's stream (before its response).</summary>
    public ValueTask SendNotificationAsync<T>(string method, T parameters, JsonTypeInfo<T> typeInfo)
    {
        var buffer = JsonMessageBuffer.Rent();
        JsonRpcWriter.WriteNotificationStart(buffer.Writer, method);
        JsonSerializer.Serialize(buffer.Writer, parameters, typeInfo);
        buffer.Writer.WriteEndObject();
        return SendAndReturnAsync(buffer);
    }

    /// <summary>Sends a notification whose params object <paramref name="writeParams"/> fills (members only).</summary>
    internal ValueTask SendNotificationAsync<TState>(string method, Action<Utf8JsonWriter, TState> writeParams, TState state)
    {
        var buffer = JsonMessageBuffer.Rent();
        JsonRpcWriter.WriteNotificationStart(buffer.Writer, method);
        buffer.Writer.WriteStartObject();
        writeParams(buffer.Writer, state);
        buffer.Writer.WriteEndObject();
        buffer.Writer.WriteEndObject();
        return SendAndReturnAsync(buffer);
    }

    private async ValueTask SendAndReturnAsync(JsonMessageBuffer buffer)
    {
        try
        {
            await _progressTail.ConfigureAwait(false);
            await _output.WriteMessageAsync(buffer.WrittenMemory, McpOutboundMessageKind.Notification, CancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastNotificationTimestamp, System.Diagnostics.Stopwatch.GetTimestamp());
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Closes the connection carrying this request's messages when the transport can resume it (Streamable HTTP
    /// with an event store): the client reconnects with <c>Last-Event-ID</c> and receives what follows, the response
    /// included. Use it to release connections during long operations (SSE polling).
    /// </summary>
    /// <returns><see langword="false"/> when the transport cannot resume streams (stdio, JSON responses, stateless HTTP); the stream stays open.</returns>
    public bool CloseResponseStream()
    {
        if (_output is not IMcpResumableMessageWriter { CanResume: true } resumable) return false;
        resumable.CloseStream();
        return true;
    }

    /// <summary>
    /// Asks the client to sample its LLM (<c>sampling/createMessage</c>) and waits for the answer. In a session the
    /// request goes to the client now; in revision 2026-07-28 the handler's request ends with an input-required result
    /// and is re-run when the client retries with the answer (see <see cref="McpInputRequiredException"/>).
    /// </summary>
    /// <param name="request">What to sample.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="McpClientException">The client did not declare the <c>sampling</c> capability (or <c>sampling.tools</c> when tools are offered), there is no session, or the client answered with an error.</exception>
    /// <exception cref="McpException">Revision 2026-07-28: the request did not declare the capability (-32021).</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="McpServerOptions.ClientRequestTimeout"/>.</exception>
    public ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default) =>
        SampleAsync(request, inputKey: null, cancellationToken);

    /// <summary>As <see cref="SampleAsync(CreateMessageRequestParams, CancellationToken)"/>, naming the input request's key in <c>inputRequests</c> (revision 2026-07-28).</summary>
    /// <param name="request">What to sample.</param>
    /// <param name="inputKey">The key; by default <c>input-1</c>, <c>input-2</c>, ... in the order the handler asks.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, string? inputKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ClientCapabilities.Sampling is null) throw LacksCapability("sampling", "sampling", McpMethods.SamplingCreateMessage);
        if ((request.Tools is not null || request.ToolChoice is not null) && ClientCapabilities.Sampling.Tools is null)
            throw LacksCapability("sampling.tools", "sampling", McpMethods.SamplingCreateMessage, "{\"tools\":{}}");
        return AskClientAsync(McpMethods.SamplingCreateMessage, inputKey, request, McpJsonContext.Default.CreateMessageRequestParams, McpJsonContext.Default.CreateMessageResult, cancellationToken);
    }

    /// <summary>
    /// Asks the client to elicit input from the user (<c>elicitation/create</c>, form or URL mode) and waits for the
    /// answer (in revision 2026-07-28 through an input-required result and a re-run, as for <see cref="SampleAsync(CreateMessageRequestParams, CancellationToken)"/>).
    /// </summary>
    /// <exception cref="McpClientException">The client does not support the requested elicitation mode, there is no session, the client answered with an error, or it accepted with content that does not match <see cref="ElicitRequestParams.RequestedSchema"/>.</exception>
    /// <exception cref="McpException">Revision 2026-07-28: the request did not declare the capability (-32021).</exception>
    public ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default) =>
        ElicitAsync(request, inputKey: null, cancellationToken);

    /// <summary>As <see cref="ElicitAsync(ElicitRequestParams, CancellationToken)"/>, naming the input request's key in <c>inputRequests</c> (revision 2026-07-28).</summary>
    /// <param name="request">What to ask.</param>
    /// <param name="inputKey">The key; by default <c>input-1</c>, <c>input-2</c>, ... in the order the handler asks.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, string? inputKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var capability = ClientCapabilities.Elicitation ?? throw LacksCapability("elicitation", "elicitation", McpMethods.ElicitationCreate);
        bool url = request.Mode == "url";
        if (url ? !capability.SupportsUrl : !capability.SupportsForm)
            throw LacksCapability($"{(url ? "URL" : "form")}-mode elicitation", "elicitation", McpMethods.ElicitationCreate, url ? "{\"url\":{}}" : "{\"form\":{}}");
        return ElicitCoreAsync(request, inputKey, cancellationToken);
    }

    private async ValueTask<ElicitResult> ElicitCoreAsync(ElicitRequestParams request, string? inputKey, CancellationToken cancellationToken)
    {
        var result = await AskClientAsync(McpMethods.ElicitationCreate, inputKey, request, McpJsonContext.Default.ElicitRequestParams,
            McpJsonContext.Default.ElicitResult, cancellationToken).ConfigureAwait(false);
        if (result.Action == ElicitAction.Accept && request.RequestedSchema is { } schema && ElicitationAnswerCheck.Problem(schema, result.Content) is { } problem)
            throw new McpClientException($"The client's elicitation answer does not match the requested schema: {problem}.");
        return result;
    }

    /// <summary>Asks the client for its roots (<c>roots/list</c>), as <see cref="SampleAsync(CreateMessageRequestParams, CancellationToken)"/> asks for a sample.</summary>
    /// <exception cref="McpClientException">The client did not declare the <c>roots</c> capability, there is no session, or the client answered with an error.</exception>
    /// <exception cref="McpException">Revision 2026-07-28: the request did not declare the capability (-32021).</exception>
    public ValueTask<ListRootsResult> ListRootsAsync(CancellationToken cancellationToken = default) => ListRootsAsync(inputKey: null, cancellationToken);

    /// <summary>As <see cref="ListRootsAsync(CancellationToken)"/>, naming the input request's key in <c>inputRequests</c> (revision 2026-07-28).</summary>
    /// <param name="inputKey">The key; by default <c>input-1</c>, <c>input-2</c>, ... in the order the handler asks.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<ListRootsResult> ListRootsAsync(string? inputKey, CancellationToken cancellationToken = default)
    {
        if (ClientCapabilities.Roots is null) throw LacksCapability("roots", "roots", McpMethods.RootsList);
        return AskClientAsync(McpMethods.RootsList, inputKey, EmptyObject.Instance, McpJsonContext.Default.EmptyObject, McpJsonContext.Default.ListRootsResult, cancellationToken);
    }

    /// <summary>Sends any request to the client on this request's stream and waits for its result (sessions only).</summary>
    /// <exception cref="McpClientException">There is no session to correlate the answer with (stateless mode, revision 2026-07-28), or the client answered with an error.</exception>
    public ValueTask<TResult> SendRequestAsync<TParams, TResult>(string method, TParams parameters, JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken = default)
    {
        var channel = RequireChannel(method);
        return channel.SendRequestAsync(method, parameters, paramsInfo, resultInfo, _output, CancellationToken, cancellationToken);
    }

    /// <summary>A request to the client the way this revision sends them: now, on the stream (sessions), or as an input request (MRTR).</summary>
    private ValueTask<TResult> AskClientAsync<TParams, TResult>(string method, string? inputKey, TParams parameters, JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken)
    {
        if (Revision.ClientRequests == McpClientRequestStyle.ServerToClientRequest)
            return SendRequestAsync(method, parameters, paramsInfo, resultInfo, cancellationToken);

        var exchange = _inputs ??= McpInputExchange.Open(Server, Method, RequestParams, (ClientState as PerRequestClientState)?.Meta ?? McpRequestMeta.None, User);
        string key = inputKey ?? exchange.NextKey();
        if (exchange.TryGetAnswer(key, out var answer))
        {
            // The client's protocol data, not the model's arguments: a malformed answer is a protocol error (-32602), not a tool error.
            if (answer.ValueKind != JsonValueKind.Object)
                throw new McpException(JsonRpcErrorCodes.InvalidParams, $"Invalid inputResponses['{key}']: the answer to '{method}' must be an object.");
            try
            {
                return new(answer.Deserialize(resultInfo)!);
            }
            catch (JsonException ex)
            {
                throw new McpException(JsonRpcErrorCodes.InvalidParams, $"Invalid inputResponses['{key}']: the answer to '{method}' does not have the expected shape: {McpJsonErrors.Describe(ex)}");
            }
        }
        exchange.Register(key, method, JsonSerializer.SerializeToUtf8Bytes(parameters, paramsInfo));
        // A faulted task rather than a throw: a handler that starts several requests before awaiting them (Task.WhenAll)
        // registers them all, and the client answers them in one round.
        return ValueTask.FromException<TResult>(new McpInputRequiredException(key, method));
    }

    /// <summary>The input requests of this request that have no answer yet (MRTR); <see langword="null"/> when it made none.</summary>
    internal McpInputExchange? Inputs => _inputs;

    private McpInputExchange? _inputs;

    /// <summary>The request's raw params (for binding a <c>requestState</c> to them).</summary>
    internal ReadOnlyMemory<byte> RequestParams { get; init; }

    /// <summary>
    /// The client lacks what the handler needs: a tool error in a session (the model can adapt), and in revision
    /// 2026-07-28 the protocol error -32021 naming the capability in <c>data.requiredCapabilities</c>.
    /// </summary>
    private Exception LacksCapability(string what, string capability, string method, string settings = "{}")
    {
        if (Revision.ClientFacts == McpClientFactsSource.Session)
        {
            if (ClientState.Channel is null)
                return new McpClientException($"'{method}' needs a session: this request is stateless, so the server cannot send requests to the client.");
            return new McpClientException($"The client does not support {what} (it did not declare the '{capability}' capability).");
        }
        return new McpException(JsonRpcErrorCodes.MissingRequiredClientCapability,
            $"Missing required client capability: this request needs '{what}'; declare it in _meta[\"{McpMetaKeys.ClientCapabilities}\"].")
        {
            ErrorData = System.Text.Encoding.UTF8.GetBytes($"{{\"requiredCapabilities\":{{\"{capability}\":{settings}}}}}"),
        };
    }

    /// <summary>Checked before the client's capabilities: without a session the client's declarations were never kept.</summary>
    private IMcpClientChannel RequireChannel(string method) => ClientState.Channel
        ?? throw new McpClientException($"'{method}' needs a session: this request is stateless, so the server cannot send requests to the client.");

    internal void QueueProgress(McpProgress value)
    {
        if (ProgressToken.IsEmpty) return;
        lock (this)
        {
            var previous = _progressTail;
            _progressTail = SendQueuedProgressAsync(previous, value);
        }
    }

    private async Task SendQueuedProgressAsync(Task previous, McpProgress value)
    {
        try { await previous.ConfigureAwait(false); } catch { /* an earlier report failed; keep sending */ }
        var payload = new ProgressNotificationParams { ProgressToken = ProgressToken, Progress = value.Progress, Total = value.Total, Message = value.Message };
        var buffer = JsonMessageBuffer.Rent();
        try
        {
            JsonRpcWriter.WriteNotificationStart(buffer.Writer, McpNotifications.Progress);
            JsonSerializer.Serialize(buffer.Writer, payload, McpJsonContext.Default.ProgressNotificationParams);
            buffer.Writer.WriteEndObject();
            await _output.WriteMessageAsync(buffer.WrittenMemory, McpOutboundMessageKind.Notification, CancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastNotificationTimestamp, System.Diagnostics.Stopwatch.GetTimestamp());
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Waits until every queued progress report has been sent, then lets the last notification settle (called
    /// before the response goes out).
    /// </summary>
    /// <remarks>
    /// The official TypeScript client handles a notification one microtask later than a response, and drops a
    /// progress notification whose request already got its response. When the last notification and the response
    /// arrive in one read, the notification is lost. A response that would follow a notification within
    /// <see cref="McpServerOptions.NotificationSettleTime"/> waits out the rest of it, so the two arrive apart.
    /// </remarks>
    internal async ValueTask DrainAsync()
    {
        Task tail;
        lock (this) tail = _progressTail;
        try { await tail.ConfigureAwait(false); } catch { /* progress is best effort */ }
        long last = Volatile.Read(ref _lastNotificationTimestamp);
        if (last == 0) return;
        var remaining = Server.Options.NotificationSettleTime - System.Diagnostics.Stopwatch.GetElapsedTime(last);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Disposes the request's service scope.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_scope is IAsyncDisposable asyncScope) await asyncScope.DisposeAsync().ConfigureAwait(false);
        else _scope?.Dispose();
        _scope = null;
    }

    private sealed class ProgressReporter(McpRequestContext context) : IProgress<McpProgress>
    {
        public void Report(McpProgress value) => context.QueueProgress(value);
    }
}

/// <summary>A progress report: how far, out of how much, and what is happening.</summary>
/// <param name="Progress">Progress so far; should increase with every report.</param>
/// <param name="Total">The total, if known.</param>
/// <param name="Message">What is happening.</param>
public readonly record struct McpProgress(double Progress, double? Total = null, string? Message = null);
