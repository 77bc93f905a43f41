using System.Collections.Concurrent;
using System.Globalization;

namespace McpGen.AspNetCore;

/// <summary>
/// The default event store, in memory and bounded: per stream the last <c>maxEventsPerStream</c> events, and per session
/// the events of the last <c>maxCompletedStreamsPerSession</c> completed streams (older completed streams are dropped,
/// so a long session does not grow without end). Streams still in progress are always kept.
/// Event ids are <c>{streamId}.{sequence}</c>.
/// </summary>
public sealed class InMemoryMcpEventStore : IMcpEventStore
{
    private readonly ConcurrentDictionary<string, SessionEvents> _sessions = new(StringComparer.Ordinal);
    private readonly int _maxEventsPerStream;
    private readonly int _maxCompletedStreamsPerSession;

    /// <summary>Creates a store with the given bounds.</summary>
    /// <param name="maxEventsPerStream">Events kept per stream (the oldest go first); at least 1.</param>
    /// <param name="maxCompletedStreamsPerSession">Completed streams whose events are kept per session; at least 0.</param>
    public InMemoryMcpEventStore(int maxEventsPerStream = 1000, int maxCompletedStreamsPerSession = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerStream, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCompletedStreamsPerSession);
        _maxEventsPerStream = maxEventsPerStream;
        _maxCompletedStreamsPerSession = maxCompletedStreamsPerSession;
    }

    /// <summary>How many events are kept in all (for diagnostics and tests).</summary>
    public int Count => _sessions.Values.Sum(s => s.Streams.Values.Sum(e => e.Count));

    /// <inheritdoc />
    public ValueTask<string> StoreAsync(string sessionId, string streamId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var session = _sessions.GetOrAdd(sessionId, static _ => new SessionEvents());
        var events = session.Streams.GetOrAdd(streamId, static _ => new StreamEvents());
        return new(streamId + "." + events.Add(data.ToArray(), _maxEventsPerStream).ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public ValueTask<McpStoredEvents?> ReadAfterAsync(string sessionId, string lastEventId, CancellationToken cancellationToken)
    {
        int dot = lastEventId.LastIndexOf('.');
        if (dot <= 0 || !long.TryParse(lastEventId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long sequence)) return new((McpStoredEvents?)null);
        string streamId = lastEventId[..dot];
        if (!_sessions.TryGetValue(sessionId, out var session) || !session.Streams.TryGetValue(streamId, out var events)) return new((McpStoredEvents?)null);
        var after = events.After(sequence).Select(e => new McpStoredEvent(streamId + "." + e.Sequence.ToString(CultureInfo.InvariantCulture), e.Data)).ToList();
        return new(new McpStoredEvents(streamId, after));
    }

    /// <inheritdoc />
    public ValueTask StreamCompletedAsync(string sessionId, string streamId)
    {
        if (_sessions.TryGetValue(sessionId, out var session)) session.Completed(streamId, _maxCompletedStreamsPerSession);
        return default;
    }

    /// <inheritdoc />
    public ValueTask RemoveSessionAsync(string sessionId)
    {
        _sessions.TryRemove(sessionId, out _);
        return default;
    }

    private sealed class SessionEvents
    {
        private readonly Queue<string> _completed = new();
        private readonly HashSet<string> _completedSet = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, StreamEvents> Streams { get; } = new(StringComparer.Ordinal);

        public void Completed(string streamId, int max)
        {
            lock (_completed)
            {
                if (!Streams.ContainsKey(streamId) || !_completedSet.Add(streamId)) return;
                _completed.Enqueue(streamId);
                while (_completed.Count > max)
                {
                    string oldest = _completed.Dequeue();
                    _completedSet.Remove(oldest);
                    Streams.TryRemove(oldest, out _);
                }
            }
        }
    }

    private sealed class StreamEvents
    {
        private readonly Queue<(long Sequence, byte[] Data)> _events = new();
        private long _next;

        public int Count { get { lock (_events) return _events.Count; } }

        public long Add(byte[] data, int max)
        {
            lock (_events)
            {
                long sequence = _next++;
                _events.Enqueue((sequence, data));
                while (_events.Count > max) _events.Dequeue();
                return sequence;
            }
        }

        public List<(long Sequence, byte[] Data)> After(long sequence)
        {
            lock (_events) return _events.Where(e => e.Sequence > sequence).ToList();
        }
    }
}
