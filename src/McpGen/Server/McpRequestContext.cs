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
    public LoggingLevel MinimumLogLevel => ClientState.LogLevel ?? Server.Options.DefaultLogLevel;

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
    /// Asks the client to sample its LLM (<c>sampling/createMessage</c>) and waits for the answer.
    /// </summary>
    /// <exception cref="McpClientException">The client did not declare the <c>sampling</c> capability (or <c>sampling.tools</c> when tools are offered), there is no session, or the client answered with an error.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="McpServerOptions.ClientRequestTimeout"/>.</exception>
    public ValueTask<CreateMessageResult> SampleAsync(CreateMessageRequestParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireChannel(McpMethods.SamplingCreateMessage);
        if (ClientCapabilities.Sampling is null)
            throw new McpClientException("The client does not support sampling (it did not declare the 'sampling' capability).");
        if ((request.Tools is not null || request.ToolChoice is not null) && ClientCapabilities.Sampling.Tools is null)
            throw new McpClientException("The client does not support tools in sampling (it did not declare 'sampling.tools').");
        return SendRequestAsync(McpMethods.SamplingCreateMessage, request, McpJsonContext.Default.CreateMessageRequestParams, McpJsonContext.Default.CreateMessageResult, cancellationToken);
    }

    /// <summary>Asks the client to elicit input from the user (<c>elicitation/create</c>, form or URL mode) and waits for the answer.</summary>
    /// <exception cref="McpClientException">The client does not support the requested elicitation mode, there is no session, the client answered with an error, or it accepted with content that does not match <see cref="ElicitRequestParams.RequestedSchema"/>.</exception>
    public ValueTask<ElicitResult> ElicitAsync(ElicitRequestParams request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireChannel(McpMethods.ElicitationCreate);
        var capability = ClientCapabilities.Elicitation
            ?? throw new McpClientException("The client does not support elicitation (it did not declare the 'elicitation' capability).");
        bool url = request.Mode == "url";
        if (url ? !capability.SupportsUrl : !capability.SupportsForm)
            throw new McpClientException($"The client does not support {(url ? "URL" : "form")}-mode elicitation.");
        return ElicitCoreAsync(request, cancellationToken);
    }

    private async ValueTask<ElicitResult> ElicitCoreAsync(ElicitRequestParams request, CancellationToken cancellationToken)
    {
        var result = await SendRequestAsync(McpMethods.ElicitationCreate, request, McpJsonContext.Default.ElicitRequestParams,
            McpJsonContext.Default.ElicitResult, cancellationToken).ConfigureAwait(false);
        if (result.Action == ElicitAction.Accept && request.RequestedSchema is { } schema && ElicitationAnswerCheck.Problem(schema, result.Content) is { } problem)
            throw new McpClientException($"The client's elicitation answer does not match the requested schema: {problem}.");
        return result;
    }

    /// <summary>Asks the client for its roots (<c>roots/list</c>).</summary>
    /// <exception cref="McpClientException">The client did not declare the <c>roots</c> capability, there is no session, or the client answered with an error.</exception>
    public ValueTask<ListRootsResult> ListRootsAsync(CancellationToken cancellationToken = default)
    {
        RequireChannel(McpMethods.RootsList);
        if (ClientCapabilities.Roots is null)
            throw new McpClientException("The client does not support roots (it did not declare the 'roots' capability).");
        return SendRequestAsync(McpMethods.RootsList, EmptyObject.Instance, McpJsonContext.Default.EmptyObject, McpJsonContext.Default.ListRootsResult, cancellationToken);
    }

    /// <summary>Sends any request to the client on this request's stream and waits for its result.</summary>
    /// <exception cref="McpClientException">There is no session to correlate the answer with (stateless mode), or the client answered with an error.</exception>
    public ValueTask<TResult> SendRequestAsync<TParams, TResult>(string method, TParams parameters, JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo, CancellationToken cancellationToken = default)
    {
        var channel = RequireChannel(method);
        return channel.SendRequestAsync(method, parameters, paramsInfo, resultInfo, _output, CancellationToken, cancellationToken);
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
