using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// What the server knows about the client behind a request, wherever it is kept: a session (revisions with
/// <c>initialize</c>) or nothing at all (stateless requests). The request runner and the dispatcher reach client state
/// only through this seam, so neither depends on a session existing.
/// </summary>
internal interface IMcpClientState
{
    /// <summary>The revision requests are served under; <see langword="null"/> before the handshake.</summary>
    McpProtocolRevision? Revision { get; }

    /// <summary>What the client declared it supports.</summary>
    ClientCapabilities Capabilities { get; }

    /// <summary>Who the client is, if it said.</summary>
    Implementation? ClientInfo { get; }

    /// <summary>The log level the client asked for, if any.</summary>
    LoggingLevel? LogLevel { get; }

    /// <summary>Keeps the level of <c>logging/setLevel</c> (ignored where nothing is kept between requests).</summary>
    void SetLogLevel(LoggingLevel level);

    /// <summary>Resource subscriptions kept for the client; <see langword="null"/> where nothing is kept between requests.</summary>
    IMcpResourceSubscriptions? Subscriptions { get; }

    /// <summary>The way to send requests to the client and await answers; <see langword="null"/> without a session.</summary>
    IMcpClientChannel? Channel { get; }

    /// <summary>Requests in flight, for cancellation and the concurrency limit; <see langword="null"/> when not tracked.</summary>
    McpInFlightRequests? InFlight { get; }

    /// <summary>Whether an <c>initialize</c> would be accepted now (not after a session's handshake).</summary>
    bool AcceptsHandshake { get; }

    /// <summary>Takes the facts of an accepted <c>initialize</c>.</summary>
    /// <returns><see langword="false"/> when the handshake already happened (a second <c>initialize</c>).</returns>
    bool CompleteHandshake(McpProtocolRevision revision, ClientCapabilities capabilities, Implementation? clientInfo);
}

/// <summary>The resource URIs a client subscribed to (<c>resources/subscribe</c>).</summary>
internal interface IMcpResourceSubscriptions
{
    void Subscribe(string uri);

    void Unsubscribe(string uri);
}

/// <summary>Sends a request to the client on a stream and awaits its answer (sessions only).</summary>
internal interface IMcpClientChannel
{
    ValueTask<TResult> SendRequestAsync<TParams, TResult>(string method, TParams parameters,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TParams> paramsInfo, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResult> resultInfo,
        IMcpMessageWriter output, CancellationToken requestToken, CancellationToken callerToken);
}

/// <summary>
/// A stateless request under a session-era revision: the client's facts are unknown (declared in an
/// <c>initialize</c> that was answered and forgotten), so it declares no capabilities, keeps no log level or
/// subscriptions and cannot be sent requests. One instance per revision.
/// </summary>
internal sealed class StatelessClientState : IMcpClientState
{
    private static readonly Dictionary<McpProtocolRevision, StatelessClientState> ByRevision =
        McpProtocolRevision.WithHandshake.ToDictionary(static r => r, static r => new StatelessClientState(r));

    private StatelessClientState(McpProtocolRevision revision) => Revision = revision;

    public static StatelessClientState For(McpProtocolRevision revision) => ByRevision[revision];

    public McpProtocolRevision? Revision { get; }

    public ClientCapabilities Capabilities => ClientCapabilities.None;

    public Implementation? ClientInfo => null;

    public LoggingLevel? LogLevel => null;

    public void SetLogLevel(LoggingLevel level) { } // nothing outlives the request

    public IMcpResourceSubscriptions? Subscriptions => null;

    public IMcpClientChannel? Channel => null;

    public McpInFlightRequests? InFlight => null;

    public bool AcceptsHandshake => true;

    public bool CompleteHandshake(McpProtocolRevision revision, ClientCapabilities capabilities, Implementation? clientInfo) => true; // answered, not kept
}

/// <summary>
/// The requests of one session that are being handled: their cancellation sources by id (for
/// <c>notifications/cancelled</c> and the session's end) and their count against the concurrency limit.
/// </summary>
internal sealed class McpInFlightRequests(int limit)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RequestId, CancellationTokenSource> _byId = new();
    private int _count;
    private volatile bool _closed;

    public int Limit => limit;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Takes a slot under the limit; <see langword="false"/> when all are taken.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _count) <= limit) return true;
        Interlocked.Decrement(ref _count);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref _count);

    /// <summary>Registers a request's source; <see langword="false"/> when a request with that id is in flight already.</summary>
    public bool TryAdd(RequestId id, CancellationTokenSource source)
    {
        if (!_byId.TryAdd(id, source)) return false;
        if (_closed) source.Cancel(); // the session ended while this request was being registered
        return true;
    }

    public void Remove(RequestId id, CancellationTokenSource source) =>
        _byId.TryRemove(new KeyValuePair<RequestId, CancellationTokenSource>(id, source));

    /// <summary>Cancels the request with <paramref name="id"/> (the client cancelled it).</summary>
    public void Cancel(RequestId id)
    {
        if (!_byId.TryGetValue(id, out var source)) return;
        try { source.Cancel(); } catch (ObjectDisposedException) { /* finished meanwhile */ }
    }

    /// <summary>Cancels every request and every later one (the session ended).</summary>
    public void CancelAll()
    {
        _closed = true;
        foreach (var source in _byId.Values)
        {
            try { source.Cancel(); }
            catch (ObjectDisposedException) { /* finished meanwhile */ }
            catch (AggregateException) { /* a handler's callback threw; it is cancelled anyway */ }
        }
    }
}
