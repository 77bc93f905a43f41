using System.Collections.Concurrent;
using System.Globalization;

namespace McpGen.AspNetCore;

/// <summary>
/// The default event store: per session and stream, the last <c>maxEventsPerStream</c> events in memory.
/// Event ids are <c>{streamId}.{sequence}</c>.
/// </summary>
public sealed class InMemoryMcpEventStore(int maxEventsPerStream = 1000) : IMcpEventStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StreamEvents>> _sessions = new(StringComparer.Ordinal);

    /// <summary>How many events are kept in all (for diagnostics and tests).</summary>
    public int Count => _sessions.Values.Sum(s => s.Values.Sum(e => e.Count));

    /// <inheritdoc />
    public ValueTask<string> StoreAsync(string sessionId, string streamId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var streams = _sessions.GetOrAdd(sessionId, static _ => new(StringComparer.Ordinal));
        var events = streams.GetOrAdd(streamId, static _ => new StreamEvents());
        return new(streamId + "." + events.Add(data.ToArray(), maxEventsPerStream).ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public ValueTask<McpStoredEvents?> ReadAfterAsync(string sessionId, string lastEventId, CancellationToken cancellationToken)
    {
        int dot = lastEventId.LastIndexOf('.');
        if (dot <= 0 || !long.TryParse(lastEventId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long sequence)) return new((McpStoredEvents?)null);
        string streamId = lastEventId[..dot];
        if (!_sessions.TryGetValue(sessionId, out var streams) || !streams.TryGetValue(streamId, out var events)) return new((McpStoredEvents?)null);
        var after = events.After(sequence).Select(e => new McpStoredEvent(streamId + "." + e.Sequence.ToString(CultureInfo.InvariantCulture), e.Data)).ToList();
        return new(new McpStoredEvents(streamId, after));
    }

    /// <inheritdoc />
    public ValueTask RemoveSessionAsync(string sessionId)
    {
        _sessions.TryRemove(sessionId, out _);
        return default;
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
