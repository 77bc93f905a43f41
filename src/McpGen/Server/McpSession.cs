using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// The state of one client connection under revisions up to 2025-11-25, kept in one place: the negotiated
/// version, the client's capabilities and info, the log level, resource subscriptions, requests in flight
/// (for cancellation) and server-to-client requests awaiting answers. Transports feed it parsed messages with
/// <see cref="ProcessMessageAsync"/>; requests of one session are handled concurrently.
/// </summary>
public sealed class McpSession : IAsyncDisposable, IMcpClientState, IMcpResourceSubscriptions, IMcpClientChannel
{
    private readonly McpInFlightRequests _inFlight;
    private readonly ConcurrentDictionary<long, PendingClientRequest> _pending = new();
    private readonly ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly IMcpMessageWriter _unsolicited;
    private readonly Func<bool> _isEnding;
    private long _nextOutboundId;
    private volatile McpProtocolRevision? _revision;
    private volatile bool _disposed;
    private LoggingLevel? _logLevel;

    internal McpSession(McpServer server, string id, IMcpMessageWriter unsolicitedWriter)
    {
        Server = server;
        Id = id;
        _unsolicited = unsolicitedWriter;
        _inFlight = new McpInFlightRequests(server.Options.MaxInFlightRequestsPerSession);
        _isEnding = () => _disposed;
        _telemetry = Diagnostics.McpTelemetry.StartSession();
    }

    private readonly Diagnostics.McpSessionTimer _telemetry;

    /// <summary>The server this session belongs to.</summary>
    public McpServer Server { get; }

    /// <summary>The session id (the <c>Mcp-Session-Id</c> over HTTP).</summary>
    public string Id { get; }

    /// <summary>Whether <c>initialize</c> has been answered.</summary>
    public bool IsInitialized => _revision is not null;

    /// <summary>The negotiated protocol revision; <see langword="null"/> before <c>initialize</c>.</summary>
    public string? ProtocolVersion => _revision?.Version;

    /// <summary>The negotiated protocol revision's behaviour; <see langword="null"/> before <c>initialize</c>.</summary>
    public McpProtocolRevision? Revision => _revision;

    /// <summary>What the client supports.</summary>
    public ClientCapabilities ClientCapabilities { get; private set; } = ClientCapabilities.None;

    /// <summary>Who the client is.</summary>
    public Implementation? ClientInfo { get; private set; }

    /// <summary>The level set by <c>logging/setLevel</c>, if any.</summary>
    public LoggingLevel? LogLevel
    {
        get { lock (_subscriptions) return _logLevel; }
        internal set { lock (_subscriptions) _logLevel = value; }
    }

    void IMcpClientState.SetLogLevel(LoggingLevel level) => LogLevel = level;

    ClientCapabilities IMcpClientState.Capabilities => ClientCapabilities;

    IMcpResourceSubscriptions? IMcpClientState.Subscriptions => this;

    IMcpClientChannel? IMcpClientState.Channel => this;

    McpInFlightRequests? IMcpClientState.InFlight => _inFlight;

    bool IMcpClientState.AcceptsHandshake => _revision is null;

    bool IMcpClientState.CompleteHandshake(McpProtocolRevision revision, ClientCapabilities capabilities, Implementation? clientInfo)
    {
        lock (_pending)
        {
            if (_revision is not null) return false;
            ClientCapabilities = capabilities;
            ClientInfo = clientInfo;
            _revision = revision; // last: a request that sees the revision sees the facts
            return true;
        }
    }

    /// <summary>The resource URIs the client subscribed to.</summary>
    public IReadOnlyCollection<string> Subscriptions => (IReadOnlyCollection<string>)_subscriptions.Keys;

    /// <summary>How many client requests are being handled now (those that count against the limit).</summary>
    public int InFlightRequests => _inFlight.Count;

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken Ending => _lifetime.Token;

    /// <summary>Raised when the client sends <c>notifications/roots/list_changed</c>.</summary>
    public event EventHandler? RootsListChanged;

    internal bool IsSubscribed(string uri) => _subscriptions.ContainsKey(uri);

    void IMcpResourceSubscriptions.Subscribe(string uri) => _subscriptions.TryAdd(uri, 0);

    void IMcpResourceSubscriptions.Unsubscribe(string uri) => _subscriptions.TryRemove(uri, out _);

    /// <summary>
    /// Handles one message from the client. For a request, the returned task completes once its response has been
    /// written to <paramref name="replyTo"/> (which also carries the request's notifications and server-to-client
    /// requests), or once it was cancelled. Responses and notifications are handled before it returns.
    /// Never throws for bad input: every failure is answered on the wire.
    /// </summary>
    /// <param name="message">The parsed message; its buffer must stay alive until the task completes.</param>
    /// <param name="replyTo">Where the response (and anything related to this request) goes.</param>
    /// <param name="cancellationToken">Cancels the request (e.g. the transport is closing).</param>
    /// <param name="user">The authenticated user of the transport's request (HTTP), exposed as <see cref="McpRequestContext.User"/>.</param>
    public ValueTask ProcessMessageAsync(JsonRpcMessage message, IMcpMessageWriter replyTo, CancellationToken cancellationToken = default, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Kind)
        {
            case JsonRpcMessageKind.Response:
            case JsonRpcMessageKind.Error:
                CompleteClientRequest(message);
                return default;
            case JsonRpcMessageKind.Notification:
                HandleNotification(message);
                return default;
            default:
                return McpRequestRunner.RunAsync(Server, this, message, replyTo, cancellationToken, user, _isEnding);
        }
    }

    private void HandleNotification(JsonRpcMessage message)
    {
        switch (message.Method)
        {
            case McpNotifications.Cancelled:
                if (TryReadCancelledId(message.Params.Span, out var id)) _inFlight.Cancel(id);
                break;
            case McpNotifications.RootsListChanged:
                RootsListChanged?.Invoke(this, EventArgs.Empty);
                break;
            default:
                // notifications/initialized and unknown notifications need no answer.
                break;
        }
    }

    private static bool TryReadCancelledId(ReadOnlySpan<byte> json, out RequestId id)
    {
        id = default;
        if (json.IsEmpty) return false;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isId = reader.ValueTextEquals("requestId"u8);
                reader.Read();
                if (isId) return RequestId.TryRead(ref reader, out id);
                reader.Skip();
            }
        }
        catch (JsonException) { }
        return false;
    }

    /// <summary>
    /// Sends a notification that belongs to no request (list changes, resource updates): over stdio on stdout,
    /// over HTTP on the session's standalone stream.
    /// </summary>
    public async ValueTask SendNotificationAsync<T>(string method, T parameters, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        var buffer = JsonMessageBuffer.Rent();
        try
        {
            JsonRpcWriter.WriteNotificationStart(buffer.Writer, method);
            JsonSerializer.Serialize(buffer.Writer, parameters, typeInfo);
            buffer.Writer.WriteEndObject();
            await _unsolicited.WriteMessageAsync(buffer.WrittenMemory, McpOutboundMessageKind.Notification, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>Tells the client that a URL-mode elicitation finished out of band (<c>notifications/elicitation/complete</c>).</summary>
    public ValueTask NotifyElicitationCompleteAsync(string elicitationId, CancellationToken cancellationToken = default) =>
        SendNotificationAsync(McpNotifications.ElicitationComplete, new ElicitationCompleteNotificationParams { ElicitationId = elicitationId },
            McpJsonContext.Default.ElicitationCompleteNotificationParams, cancellationToken);

    async ValueTask<TResult> IMcpClientChannel.SendRequestAsync<TParams, TResult>(string method, TParams parameters, JsonTypeInfo<TParams> paramsInfo,
        JsonTypeInfo<TResult> resultInfo, IMcpMessageWriter output, CancellationToken requestToken, CancellationToken callerToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long id = Interlocked.Increment(ref _nextOutboundId);
        var requestId = RequestId.FromNumber(id);
        var pending = new PendingClientRequest();
        _pending[id] = pending;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestToken, callerToken, _lifetime.Token);
        var timeout = Server.Options.ClientRequestTimeout;
        try
        {
            var buffer = JsonMessageBuffer.Rent();
            try
            {
                JsonRpcWriter.WriteRequestStart(buffer.Writer, requestId, method);
                JsonSerializer.Serialize(buffer.Writer, parameters, paramsInfo);
                buffer.Writer.WriteEndObject();
                await output.WriteMessageAsync(buffer.WrittenMemory, McpOutboundMessageKind.Request, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                buffer.Dispose();
            }

            byte[] result;
            try
            {
                result = await pending.Task.WaitAsync(timeout, linked.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                await TryCancelOnClientAsync(requestId, output, $"No answer within {timeout}.").ConfigureAwait(false);
                throw new TimeoutException($"The client did not answer '{method}' within {timeout} (McpServerOptions.ClientRequestTimeout).");
            }
            catch (OperationCanceledException)
            {
                await TryCancelOnClientAsync(requestId, output, "The server no longer needs the answer.").ConfigureAwait(false);
                throw;
            }

            try
            {
                return JsonSerializer.Deserialize(result, resultInfo)
                    ?? throw new McpClientException($"The client answered '{method}' with null.");
            }
            catch (JsonException ex)
            {
                throw new McpClientException($"The client's answer to '{method}' does not have the expected shape: {McpJsonErrors.Describe(ex)}", 0, ex);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async ValueTask TryCancelOnClientAsync(RequestId id, IMcpMessageWriter output, string reason)
    {
        if (_disposed) return;
        var buffer = JsonMessageBuffer.Rent();
        try
        {
            JsonRpcWriter.WriteNotificationStart(buffer.Writer, McpNotifications.Cancelled);
            JsonSerializer.Serialize(buffer.Writer, new CancelledNotificationParams { RequestId = id, Reason = reason }, McpJsonContext.Default.CancelledNotificationParams);
            buffer.Writer.WriteEndObject();
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await output.WriteMessageAsync(buffer.WrittenMemory, McpOutboundMessageKind.Notification, quick.Token).ConfigureAwait(false);
        }
        catch (Exception) { /* best effort: the stream may be gone */ }
        finally
        {
            buffer.Dispose();
        }
    }

    private void CompleteClientRequest(JsonRpcMessage message)
    {
        if (!message.Id.TryGetInt64(out long id) || !_pending.TryRemove(id, out var pending)) return; // unknown or late answer: ignored
        if (message.Kind == JsonRpcMessageKind.Response) pending.TrySetResult(message.Result.ToArray());
        else pending.TrySetException(new McpClientException(message.ErrorMessage ?? "The client answered with an error.", message.ErrorCode));
    }

    /// <summary>Ends the session: cancels its requests in flight and abandons server-to-client requests.</summary>
    public ValueTask DisposeAsync()
    {
        if (_disposed) return default;
        _disposed = true;
        _telemetry.Stop(_revision?.Version);
        try { _lifetime.Cancel(); } catch (AggregateException) { /* handlers' callbacks threw; the session ends anyway */ }
        _inFlight.CancelAll();
        foreach (var pending in _pending.Values) pending.TrySetCanceled();
        _pending.Clear();
        Server.RemoveSession(this);
        return default;
    }

    private sealed class PendingClientRequest() : TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
}
