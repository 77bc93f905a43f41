namespace McpGen.AspNetCore;

/// <summary>
/// One session's view of the event store. Once the session has ended, nothing more is stored for it: a request that
/// was still running when the client sent DELETE (or the session expired) would otherwise store its last events after
/// <see cref="IMcpEventStore.RemoveSessionAsync"/> and leave them in the store for ever. Works with any store.
/// </summary>
internal sealed class SessionEventStore(IMcpEventStore store, string sessionId) : IMcpEventStore
{
    private volatile bool _ended;

    public async ValueTask<string> StoreAsync(string session, string streamId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_ended) return streamId + ".ended";
        string id = await store.StoreAsync(session, streamId, data, cancellationToken).ConfigureAwait(false);
        if (_ended) await store.RemoveSessionAsync(sessionId).ConfigureAwait(false); // ended while storing: remove again
        return id;
    }

    public ValueTask<McpStoredEvents?> ReadAfterAsync(string session, string lastEventId, CancellationToken cancellationToken) =>
        _ended ? new((McpStoredEvents?)null) : store.ReadAfterAsync(session, lastEventId, cancellationToken);

    public ValueTask StreamCompletedAsync(string session, string streamId) => _ended ? default : store.StreamCompletedAsync(session, streamId);

    public ValueTask RemoveSessionAsync(string session)
    {
        _ended = true;
        return store.RemoveSessionAsync(sessionId);
    }
}
