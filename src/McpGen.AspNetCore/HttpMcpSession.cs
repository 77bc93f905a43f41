using System.Collections.Concurrent;
using System.Globalization;

namespace McpGen.AspNetCore;

/// <summary>The HTTP side of one MCP session: its streams, activity and owner. The protocol state lives in <see cref="McpSession"/>.</summary>
internal sealed class HttpMcpSession
{
    private readonly ConcurrentDictionary<string, SseStream> _streams = new(StringComparer.Ordinal);
    private readonly IMcpEventStore _store;
    private long _nextStream;
    private long _lastActivity = Environment.TickCount64;
    private int _busy;

    public HttpMcpSession(McpServer server, string id, IMcpEventStore store, string? owner)
    {
        Id = id;
        _store = new SessionEventStore(store, id);
        Owner = owner;
        Standalone = new SseStream(id, "0", _store);
        _streams[Standalone.Id] = Standalone;
        Session = server.CreateSession(Standalone, id);
    }

    public string Id { get; }

    public McpSession Session { get; }

    /// <summary>The stream of server-initiated messages (the GET stream).</summary>
    public SseStream Standalone { get; }

    /// <summary>The authenticated subject that created the session, if any; nobody else may use it.</summary>
    public string? Owner { get; }

    /// <summary>The user or client address this session counts against (<see cref="SessionQuota"/>), if any.</summary>
    public string? QuotaKey { get; init; }

    /// <summary>Requests or connections in progress: a busy session never expires.</summary>
    public bool IsBusy => Volatile.Read(ref _busy) > 0;

    public TimeSpan Idle => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastActivity));

    public SseStream NewStream()
    {
        var stream = new SseStream(Id, Interlocked.Increment(ref _nextStream).ToString(CultureInfo.InvariantCulture), _store);
        _streams[stream.Id] = stream;
        return stream;
    }

    /// <summary>
    /// The stream with this id. A finished stream that was forgotten comes back as a completed stream over the store,
    /// so its stored events can still be replayed; the store decides whether any are left.
    /// </summary>
    public SseStream? FindStream(string id)
    {
        if (_streams.TryGetValue(id, out var stream)) return stream;
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number <= 0 || number > Interlocked.Read(ref _nextStream)) return null;
        var replay = new SseStream(Id, id, _store);
        replay.Complete();
        return replay;
    }

    /// <summary>Ends a request stream: no more events; the store may now drop them when it needs room.</summary>
    public async ValueTask CompleteAsync(SseStream stream)
    {
        stream.Complete();
        Forget(stream);
        await _store.StreamCompletedAsync(Id, stream.Id).ConfigureAwait(false);
    }

    /// <summary>Forgets a finished stream whose events the store keeps (replay no longer needs the object once complete).</summary>
    public void Forget(SseStream stream)
    {
        if (stream.IsCompleted && !stream.IsConnected) _streams.TryRemove(new KeyValuePair<string, SseStream>(stream.Id, stream));
    }

    /// <summary>Marks the start of work; dispose the result when it ends.</summary>
    public Activity Begin()
    {
        Interlocked.Increment(ref _busy);
        Touch();
        return new Activity(this);
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    public async ValueTask EndAsync()
    {
        await Session.DisposeAsync().ConfigureAwait(false);
        foreach (var stream in _streams.Values) stream.Complete();
        await _store.RemoveSessionAsync(Id).ConfigureAwait(false);
    }

    internal readonly struct Activity(HttpMcpSession session) : IDisposable
    {
        public void Dispose()
        {
            session.Touch();
            Interlocked.Decrement(ref session._busy);
        }
    }
}
