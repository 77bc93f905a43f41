using McpGen.JsonRpc;

namespace McpGen;

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
