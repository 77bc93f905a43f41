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
public sealed class McpSession : IAsyncDisposable
{
    private readonly ConcurrentDictionary<RequestId, CancellationTokenSource> _inFlight = new();
    private readonly ConcurrentDictionary<long, PendingClientRequest> _pending = new();
    private readonly ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly IMcpMessageWriter _unsolicited;
    private long _nextOutboundId;
    private int _inFlightCount;
    private volatile bool _initialized;
    private volatile bool _disposed;
    private volatile string? _protocolVersion;
    private LoggingLevel? _logLevel;

    internal McpSession(McpServer server, string id, IMcpMessageWriter unsolicitedWriter)
    {
        Server = server;
        Id = id;
        _unsolicited = unsolicitedWriter;
    }

    /// <summary>The server this session belongs to.</summary>
    public McpServer Server { get; }

    /// <summary>The session id (the <c>Mcp-Session-Id</c> over HTTP).</summary>
    public string Id { get; }

    /// <summary>Whether <c>initialize</c> has been answered.</summary>
    public bool IsInitialized => _initialized;

    /// <summary>The negotiated protocol revision; <see langword="null"/> before <c>initialize</c>.</summary>
    public string? ProtocolVersion => _protocolVersion;

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

    /// <summary>The resource URIs the client subscribed to.</summary>
    public IReadOnlyCollection<string> Subscriptions => (IReadOnlyCollection<string>)_subscriptions.Keys;

    /// <summary>How many client requests are being handled now.</summary>
    public int InFlightRequests => Volatile.Read(ref _inFlightCount);

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken Ending => _lifetime.Token;

    /// <summary>Raised when the client sends <c>notifications/roots/list_changed</c>.</summary>
    public event EventHandler? RootsListChanged;

    internal bool IsSubscribed(string uri) => _subscriptions.ContainsKey(uri);

    internal void Subscribe(string uri) => _subscriptions.TryAdd(uri, 0);

    internal void Unsubscribe(string uri) => _subscriptions.TryRemove(uri, out _);

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
                return HandleRequestAsync(message, replyTo, cancellationToken, user);
        }
    }

    private void HandleNotification(JsonRpcMessage message)
    {
        switch (message.Method)
        {
            case "notifications/cancelled":
                if (TryReadCancelledId(message.Params.Span, out var id) && _inFlight.TryGetValue(id, out var cts))
                {
                    try { cts.Cancel(); } catch (ObjectDisposedException) { /* finished meanwhile */ }
                }
                break;
            case "notifications/roots/list_changed":
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

    private async ValueTask HandleRequestAsync(JsonRpcMessage request, IMcpMessageWriter replyTo, CancellationToken transportToken, System.Security.Claims.ClaimsPrincipal? user)
    {
        var response = JsonMessageBuffer.Rent();
        try
        {
            if (request.Method == "initialize")
            {
                if (_initialized)
                    JsonRpcWriter.WriteError(response.Writer, request.Id, JsonRpcErrorCodes.InvalidRequest, "The session is already initialized: 'initialize' may be sent only once.");
                else
                    Initialize(request, response.Writer);
                await replyTo.WriteMessageAsync(response.WrittenMemory, transportToken).ConfigureAwait(false);
                return;
            }

            if (!_initialized && request.Method != "ping")
            {
                JsonRpcWriter.WriteError(response.Writer, request.Id, JsonRpcErrorCodes.InvalidRequest,
                    $"The session is not initialized: send 'initialize' before '{request.Method}'.");
                await replyTo.WriteMessageAsync(response.WrittenMemory, transportToken).ConfigureAwait(false);
                return;
            }

            int limit = Server.Options.MaxInFlightRequestsPerSession;
            if (Interlocked.Increment(ref _inFlightCount) > limit)
            {
                Interlocked.Decrement(ref _inFlightCount);
                JsonRpcWriter.WriteError(response.Writer, request.Id, JsonRpcErrorCodes.ServerError,
                    $"Too many requests in flight on this session (the limit is {limit}); retry when earlier ones have finished.");
                await replyTo.WriteMessageAsync(response.WrittenMemory, transportToken).ConfigureAwait(false);
                return;
            }

            // A plain source per request (no linked source): the session cancels everything in _inFlight when it
            // ends, and a cancellable transport token is forwarded by a registration. Cheaper than linking.
            var cts = new CancellationTokenSource();
            var transportRegistration = transportToken.CanBeCanceled
                ? transportToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), cts)
                : default;
            try
            {
                if (!_inFlight.TryAdd(request.Id, cts))
                {
                    JsonRpcWriter.WriteError(response.Writer, request.Id, JsonRpcErrorCodes.InvalidRequest,
                        $"A request with id {request.Id} is already in flight on this session.");
                    await replyTo.WriteMessageAsync(response.WrittenMemory, transportToken).ConfigureAwait(false);
                    return;
                }
                if (_disposed) cts.Cancel(); // the session ended while this request was being registered

                var context = new McpRequestContext(Server, this, request.Id, request.Method!, _protocolVersion ?? ProtocolVersions.Latest,
                    ClientCapabilities, ClientInfo, replyTo, cts.Token, Server.Options.DefaultLogLevel) { User = user };
                var telemetry = Diagnostics.McpTelemetry.StartOperation(request, Id, context.ProtocolVersion);   // telemetry: span + duration (no-op unless listened to)
                bool respond;
                try
                {
                    respond = await Server.Dispatcher.DispatchAsync(context, request, response).ConfigureAwait(false);
                    await context.DrainAsync().ConfigureAwait(false);
                }
                catch (Exception ex) { telemetry.Stop(ex); throw; }                                             // telemetry
                finally
                {
                    await context.DisposeAsync().ConfigureAwait(false);
                }
                telemetry.Stop(respond ? response.WrittenMemory.Span : default);                                // telemetry
                if (respond) await replyTo.WriteMessageAsync(response.WrittenMemory, transportToken).ConfigureAwait(false);
            }
            finally
            {
                transportRegistration.Dispose();
                _inFlight.TryRemove(new KeyValuePair<RequestId, CancellationTokenSource>(request.Id, cts));
                cts.Dispose();
                Interlocked.Decrement(ref _inFlightCount);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || transportToken.IsCancellationRequested || _disposed)
        {
            // The transport or the session went away while the request was running: nobody to answer.
        }
        finally
        {
            response.Dispose();
        }
    }

    private void Initialize(JsonRpcMessage request, Utf8JsonWriter writer)
    {
        InitializeRequestParams? parameters;
        try
        {
            parameters = request.Params.IsEmpty ? null : JsonSerializer.Deserialize(request.Params.Span, McpJsonContext.Default.InitializeRequestParams);
        }
        catch (JsonException ex)
        {
            JsonRpcWriter.WriteError(writer, request.Id, JsonRpcErrorCodes.InvalidParams, "Invalid params for 'initialize': " + ex.Message);
            return;
        }
        if (parameters is null || string.IsNullOrEmpty(parameters.ProtocolVersion))
        {
            JsonRpcWriter.WriteError(writer, request.Id, JsonRpcErrorCodes.InvalidParams, "Invalid params for 'initialize': 'protocolVersion' is required.");
            return;
        }

        string version = ProtocolVersions.Negotiate(parameters.ProtocolVersion);
        _protocolVersion = version;
        ClientCapabilities = parameters.Capabilities ?? ClientCapabilities.None;
        ClientInfo = parameters.ClientInfo;
        _initialized = true;

        var result = new InitializeResult
        {
            ProtocolVersion = version,
            Capabilities = Server.GetCapabilities(),
            ServerInfo = Server.Options.ServerInfo,
            Instructions = Server.Options.Instructions,
        };
        JsonRpcWriter.WriteResponseStart(writer, request.Id);
        JsonSerializer.Serialize(writer, result, McpJsonContext.Default.InitializeResult);
        writer.WriteEndObject();
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
            await _unsolicited.WriteMessageAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>Tells the client that a URL-mode elicitation finished out of band (<c>notifications/elicitation/complete</c>).</summary>
    public ValueTask NotifyElicitationCompleteAsync(string elicitationId, CancellationToken cancellationToken = default) =>
        SendNotificationAsync("notifications/elicitation/complete", new ElicitationCompleteNotificationParams { ElicitationId = elicitationId },
            McpJsonContext.Default.ElicitationCompleteNotificationParams, cancellationToken);

    internal async ValueTask<TResult> SendRequestAsync<TParams, TResult>(string method, TParams parameters, JsonTypeInfo<TParams> paramsInfo,
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
                await output.WriteMessageAsync(buffer.WrittenMemory, linked.Token).ConfigureAwait(false);
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
                throw new McpClientException($"The client's answer to '{method}' does not have the expected shape: {ex.Message}", 0, ex);
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
            JsonRpcWriter.WriteNotificationStart(buffer.Writer, "notifications/cancelled");
            JsonSerializer.Serialize(buffer.Writer, new CancelledNotificationParams { RequestId = id, Reason = reason }, McpJsonContext.Default.CancelledNotificationParams);
            buffer.Writer.WriteEndObject();
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await output.WriteMessageAsync(buffer.WrittenMemory, quick.Token).ConfigureAwait(false);
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
        try { _lifetime.Cancel(); } catch (AggregateException) { /* handlers' callbacks threw; the session ends anyway */ }
        foreach (var inFlight in _inFlight.Values)
        {
            try { inFlight.Cancel(); }
            catch (ObjectDisposedException) { /* finished meanwhile */ }
            catch (AggregateException) { /* a handler's callback threw; it is cancelled anyway */ }
        }
        foreach (var pending in _pending.Values) pending.TrySetCanceled();
        _pending.Clear();
        Server.RemoveSession(this);
        return default;
    }

    private sealed class PendingClientRequest() : TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
}
