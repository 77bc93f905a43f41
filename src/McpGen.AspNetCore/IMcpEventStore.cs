namespace McpGen.AspNetCore;

/// <summary>
/// Keeps the events of SSE streams so that a client that lost its connection can resume with <c>Last-Event-ID</c>.
/// Event ids encode their stream: a resumption finds the stream that owns the id.
/// </summary>
public interface IMcpEventStore
{
    /// <summary>Stores one event (a JSON-RPC message, or empty data for a priming event) and returns its id.</summary>
    ValueTask<string> StoreAsync(string sessionId, string streamId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>
    /// The stream that owns <paramref name="lastEventId"/> and its events after it, or null when unknown, not this
    /// session's, or when an event after it is no longer kept: never a list with a gap (the client is then told that the
    /// stream cannot be resumed, rather than silently missing a response).
    /// </summary>
    ValueTask<McpStoredEvents?> ReadAfterAsync(string sessionId, string lastEventId, CancellationToken cancellationToken);

    /// <summary>
    /// Says that a stream will get no more events. Its events must stay readable for a while (its client may still resume),
    /// but a store that needs room should drop the events of completed streams first, oldest first.
    /// </summary>
    ValueTask StreamCompletedAsync(string sessionId, string streamId);

    /// <summary>Forgets every event of a session.</summary>
    ValueTask RemoveSessionAsync(string sessionId);
}

/// <summary>The events of one stream after a given event.</summary>
/// <param name="StreamId">The stream that owns the event id.</param>
/// <param name="Events">The later events, in order.</param>
public sealed record McpStoredEvents(string StreamId, IReadOnlyList<McpStoredEvent> Events);

/// <summary>A stored SSE event.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Data">Its data (empty for a priming event).</param>
public readonly record struct McpStoredEvent(string Id, ReadOnlyMemory<byte> Data);
