using System.Globalization;

namespace McpGen.AspNetCore;

/// <summary>
/// The default event store, in memory and bounded by count and by bytes: per stream the last <c>maxEventsPerStream</c>
/// events; per session the events of the last <c>maxCompletedStreamsPerSession</c> completed streams and at most
/// <c>maxBytesPerSession</c> bytes; in all at most <c>maxBytes</c> bytes. When a byte budget is exceeded, the oldest
/// completed streams go first (of the session, or of the whole store), then the oldest events of the stream being
/// written. Nothing is dropped silently: a resumption whose next event is gone is refused (<see cref="ReadAfterAsync"/>
/// returns null, and the endpoint answers the client's GET with a clear error) instead of skipping ahead.
/// Event ids are <c>{streamId}.{sequence}</c>.
/// </summary>
public sealed class InMemoryMcpEventStore : IMcpEventStore
{
    /// <summary>Bytes counted per event on top of its data (the bookkeeping an event costs).</summary>
    public const int EventOverheadBytes = 64;

    private readonly object _gate = new();
    private readonly Dictionary<string, SessionEvents> _sessions = new(StringComparer.Ordinal);
    private readonly LinkedList<StreamEvents> _completed = new(); // every session's completed streams, oldest first
    private readonly int _maxEventsPerStream;
    private readonly int _maxCompletedStreamsPerSession;
    private readonly long _maxBytesPerSession;
    private readonly long _maxBytes;
    private long _bytes;

    /// <summary>Creates a store with the given bounds.</summary>
    /// <param name="maxEventsPerStream">Events kept per stream (the oldest go first); at least 1.</param>
    /// <param name="maxCompletedStreamsPerSession">Completed streams whose events are kept per session; at least 0.</param>
    /// <param name="maxBytesPerSession">Bytes of events kept per session (default 16 MiB); at least 1.</param>
    /// <param name="maxBytes">Bytes of events kept in all (default 256 MiB); at least 1.</param>
    public InMemoryMcpEventStore(int maxEventsPerStream = 1000, int maxCompletedStreamsPerSession = 64, long maxBytesPerSession = 16L * 1024 * 1024, long maxBytes = 256L * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerStream, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCompletedStreamsPerSession);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytesPerSession, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _maxEventsPerStream = maxEventsPerStream;
        _maxCompletedStreamsPerSession = maxCompletedStreamsPerSession;
        _maxBytesPerSession = maxBytesPerSession;
        _maxBytes = maxBytes;
    }

    /// <summary>How many events are kept in all (for diagnostics and tests).</summary>
    public int Count
    {
        get { lock (_gate) return _sessions.Values.Sum(s => s.Streams.Values.Sum(e => e.Events.Count)); }
    }

    /// <summary>The bytes counted against the budgets now (data plus <see cref="EventOverheadBytes"/> per event).</summary>
    public long Bytes
    {
        get { lock (_gate) return _bytes; }
    }

    /// <inheritdoc />
    public ValueTask<string> StoreAsync(string sessionId, string streamId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        long sequence;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var session)) _sessions[sessionId] = session = new SessionEvents();
            if (!session.Streams.TryGetValue(streamId, out var stream)) session.Streams[streamId] = stream = new StreamEvents(session, streamId);
            sequence = stream.Next++;
            long size = data.Length + EventOverheadBytes;
            if (size > _maxBytesPerSession || size > _maxBytes)
            {
                // Larger than a whole budget: delivered live only. Everything before it is now unresumable too.
                while (stream.Events.Count > 0) DropOldest(stream);
                stream.FirstKept = sequence + 1;
            }
            else
            {
                stream.Events.Enqueue((sequence, data.ToArray()));
                Account(stream, size);
                while (stream.Events.Count > _maxEventsPerStream) DropOldest(stream);
                while (session.Bytes > _maxBytesPerSession && MakeRoom(session.Completed.First?.Value, stream, session)) { }
                while (_bytes > _maxBytes && MakeRoom(_completed.First?.Value, stream, null)) { }
            }
        }
        return new(streamId + "." + sequence.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Evicts <paramref name="oldestCompleted"/> if there is one, else the oldest event of <paramref name="writing"/>,
    /// else of the largest stream in progress (of <paramref name="scope"/>, or of any session). False: nothing left to drop.
    /// </summary>
    private bool MakeRoom(StreamEvents? oldestCompleted, StreamEvents writing, SessionEvents? scope)
    {
        if (oldestCompleted is not null)
        {
            Evict(oldestCompleted);
            return true;
        }
        if (writing.Events.Count > 0)
        {
            DropOldest(writing);
            return true;
        }
        // The stream being written is empty: take from the largest stream in progress (rare: only streams in progress are left).
        var streams = scope is not null ? scope.Streams.Values : _sessions.Values.SelectMany(s => s.Streams.Values);
        var largest = streams.Where(s => s.Events.Count > 0).MaxBy(s => s.Bytes);
        if (largest is null) return false;
        DropOldest(largest);
        return true;
    }

    private void Account(StreamEvents stream, long delta)
    {
        stream.Bytes += delta;
        stream.Session.Bytes += delta;
        _bytes += delta;
    }

    private void DropOldest(StreamEvents stream)
    {
        var (sequence, data) = stream.Events.Dequeue();
        stream.FirstKept = sequence + 1; // resuming from before this event would skip it: refused
        Account(stream, -(data.Length + EventOverheadBytes));
    }

    private void Evict(StreamEvents stream)
    {
        Account(stream, -stream.Bytes);
        stream.Events.Clear();
        stream.Session.Streams.Remove(stream.Id);
        if (stream.CompletedNode is { } node)
        {
            stream.Session.Completed.Remove(node);
            stream.CompletedNode = null;
        }
        if (stream.GlobalNode is { } global)
        {
            _completed.Remove(global);
            stream.GlobalNode = null;
        }
    }

    /// <inheritdoc />
    public ValueTask<McpStoredEvents?> ReadAfterAsync(string sessionId, string lastEventId, CancellationToken cancellationToken)
    {
        int dot = lastEventId.LastIndexOf('.');
        if (dot <= 0 || !long.TryParse(lastEventId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long sequence)) return new((McpStoredEvents?)null);
        string streamId = lastEventId[..dot];
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var session) || !session.Streams.TryGetValue(streamId, out var stream)) return new((McpStoredEvents?)null);
            // An id never issued, or one whose next event was dropped: no resumption without a gap.
            if (sequence >= stream.Next || sequence + 1 < stream.FirstKept) return new((McpStoredEvents?)null);
            var after = stream.Events.Where(e => e.Sequence > sequence)
                .Select(e => new McpStoredEvent(streamId + "." + e.Sequence.ToString(CultureInfo.InvariantCulture), e.Data)).ToList();
            return new(new McpStoredEvents(streamId, after));
        }
    }

    /// <inheritdoc />
    public ValueTask StreamCompletedAsync(string sessionId, string streamId)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out var session) || !session.Streams.TryGetValue(streamId, out var stream) || stream.CompletedNode is not null) return default;
            stream.CompletedNode = session.Completed.AddLast(stream);
            stream.GlobalNode = _completed.AddLast(stream);
            while (session.Completed.Count > _maxCompletedStreamsPerSession) Evict(session.Completed.First!.Value);
        }
        return default;
    }

    /// <inheritdoc />
    public ValueTask RemoveSessionAsync(string sessionId)
    {
        lock (_gate)
        {
            if (!_sessions.Remove(sessionId, out var session)) return default;
            foreach (var stream in session.Streams.Values.ToList()) Evict(stream);
        }
        return default;
    }

    private sealed class SessionEvents
    {
        public Dictionary<string, StreamEvents> Streams { get; } = new(StringComparer.Ordinal);
        public LinkedList<StreamEvents> Completed { get; } = new();
        public long Bytes { get; set; }
    }

    private sealed class StreamEvents(SessionEvents session, string id)
    {
        public SessionEvents Session { get; } = session;
        public string Id { get; } = id;
        public Queue<(long Sequence, byte[] Data)> Events { get; } = new();
        public long Next { get; set; }
        /// <summary>Every event from this sequence on (up to <see cref="Next"/>) is still kept.</summary>
        public long FirstKept { get; set; }
        public long Bytes { get; set; }
        public LinkedListNode<StreamEvents>? CompletedNode { get; set; }
        public LinkedListNode<StreamEvents>? GlobalNode { get; set; }
    }
}
