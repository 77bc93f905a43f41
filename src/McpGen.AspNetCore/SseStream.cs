using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace McpGen.AspNetCore;

/// <summary>
/// One resumable SSE stream: a request's POST stream or a session's standalone GET stream. Every event is stored
/// first (so it can be replayed) and then written to the HTTP connection currently attached, if any. A connection
/// can go away (the client disconnects, or the server closes it to make the client poll) without losing events: the
/// client resumes with <c>Last-Event-ID</c>, and the GET that carries it becomes the stream's new connection.
/// </summary>
internal sealed class SseStream : IMcpResumableMessageWriter
{
    private static readonly byte[] EventPrefix = "event: message\nid: "u8.ToArray();
    private static readonly byte[] DataPrefix = "\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    private readonly string _sessionId;
    private readonly IMcpEventStore _store;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _connectionLock = new();
    private Connection? _connection;
    private long _detachedAt = Environment.TickCount64;
    private volatile bool _completed;

    public SseStream(string sessionId, string id, IMcpEventStore store, bool canResume = true)
    {
        _sessionId = sessionId;
        Id = id;
        _store = store;
        CanResume = canResume;
    }

    /// <inheritdoc />
    public bool CanResume { get; }

    /// <summary>The stream id (the prefix of its event ids).</summary>
    public string Id { get; }

    /// <summary>Whether a client connection is attached now.</summary>
    public bool IsConnected
    {
        get { lock (_connectionLock) return _connection is not null; }
    }

    /// <summary>How long the stream has had no connection (zero while one is attached).</summary>
    public TimeSpan Unattended
    {
        get
        {
            lock (_connectionLock)
                return _connection is not null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Environment.TickCount64 - _detachedAt);
        }
    }

    /// <summary>Whether the stream has ended (its request was answered).</summary>
    public bool IsCompleted => _completed;

    /// <summary>Attaches a fresh connection (a POST response or a standalone GET) and sends the priming event.</summary>
    public async Task<Connection> OpenAsync(HttpResponse response, TimeSpan retry, CancellationToken aborted)
    {
        var connection = new Connection(response, aborted);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            string id = await _store.StoreAsync(_sessionId, Id, ReadOnlyMemory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
            await WritePrimingAsync(response, id, retry, aborted).ConfigureAwait(false);
            Attach(connection);
        }
        finally
        {
            _gate.Release();
        }
        return connection;
    }

    /// <summary>
    /// Resumes after <paramref name="lastEventId"/>: replays the stored events that follow it on <paramref name="response"/>,
    /// then keeps it as the stream's connection (unless the stream has ended). Returns null when the id is unknown.
    /// </summary>
    /// <remarks><paramref name="start"/> starts the response; it is called only once the events are known to be there, so a
    /// failed resumption can still be answered with an HTTP error.</remarks>
    public async Task<Connection?> ResumeAsync(HttpResponse response, string lastEventId, TimeSpan retry, Func<HttpResponse, Task> start, CancellationToken aborted)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var stored = await _store.ReadAfterAsync(_sessionId, lastEventId, CancellationToken.None).ConfigureAwait(false);
            if (stored is null || stored.StreamId != Id) return null;
            await start(response).ConfigureAwait(false);
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"retry: {(long)retry.TotalMilliseconds}\n\n"), aborted).ConfigureAwait(false);
            foreach (var e in stored.Events)
            {
                if (e.Data.IsEmpty) continue; // priming events carry no message
                await WriteEventAsync(response, e.Id, e.Data, aborted).ConfigureAwait(false);
            }
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            var connection = new Connection(response, aborted);
            if (_completed) connection.Release();
            else Attach(connection);
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
    {
        // Not cancellable: a message that was produced must be stored, or a resuming client would miss it.
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            string id = await _store.StoreAsync(_sessionId, Id, utf8Message, CancellationToken.None).ConfigureAwait(false);
            Connection? connection;
            lock (_connectionLock) connection = _connection;
            if (connection is null) return;
            try
            {
                await WriteEventAsync(connection.Response, id, utf8Message, connection.Aborted).ConfigureAwait(false);
                await connection.Response.Body.FlushAsync(connection.Aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                Detach(connection); // the client went away: the event stays stored for its resumption
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a comment line on the attached connection so a dead one is noticed.</summary>
    public async Task KeepAliveAsync(Connection connection)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            lock (_connectionLock)
            {
                if (!ReferenceEquals(_connection, connection)) return;
            }
            await connection.Response.Body.WriteAsync(KeepAlive, connection.Aborted).ConfigureAwait(false);
            await connection.Response.Body.FlushAsync(connection.Aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            Detach(connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Ends the current connection; what the request sends later is stored and delivered on resumption.</remarks>
    public void CloseStream()
    {
        Connection? connection;
        lock (_connectionLock) connection = _connection;
        if (connection is not null) Detach(connection);
    }

    /// <summary>The request was answered: the stream ends and its connection closes.</summary>
    public void Complete()
    {
        _completed = true;
        CloseStream();
    }

    private void Attach(Connection connection)
    {
        Connection? previous;
        lock (_connectionLock)
        {
            previous = _connection;
            _connection = connection;
        }
        previous?.Release(); // a resumed stream replaces the connection the client gave up on
        // A client that goes away is noticed at once, not at the next write: the stream counts as unattended from then on.
        connection.WatchAbort(this);
    }

    private void Detach(Connection connection)
    {
        lock (_connectionLock)
        {
            if (ReferenceEquals(_connection, connection))
            {
                _connection = null;
                _detachedAt = Environment.TickCount64;
            }
        }
        connection.Release();
    }

    private static async Task WritePrimingAsync(HttpResponse response, string id, TimeSpan retry, CancellationToken aborted)
    {
        // id + retry + an empty data line: clients dispatch it (an event without data is not dispatched) and ignore it.
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"id: {id}\nretry: {(long)retry.TotalMilliseconds}\ndata: \n\n"), aborted).ConfigureAwait(false);
        await response.Body.FlushAsync(aborted).ConfigureAwait(false);
    }

    private static async Task WriteEventAsync(HttpResponse response, string id, ReadOnlyMemory<byte> data, CancellationToken aborted)
    {
        var body = response.BodyWriter;
        body.Write(EventPrefix);
        body.Write(Encoding.UTF8.GetBytes(id));
        body.Write(DataPrefix);
        body.Write(data.Span); // compact JSON: never contains a newline
        body.Write(EventEnd);
        await body.FlushAsync(aborted).ConfigureAwait(false);
    }

    /// <summary>An HTTP response attached to the stream, and the signal that it should end.</summary>
    internal sealed class Connection(HttpResponse response, CancellationToken aborted)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HttpResponse Response { get; } = response;

        public CancellationToken Aborted { get; } = aborted;

        /// <summary>Completes when the handler that owns the response should return.</summary>
        public Task Released => _released.Task;

        private CancellationTokenRegistration _abortRegistration;

        /// <summary>Detaches from <paramref name="stream"/> as soon as the client goes away (until released).</summary>
        public void WatchAbort(SseStream stream) =>
            _abortRegistration = Aborted.UnsafeRegister(static (state, _) => { var (s, c) = ((SseStream, Connection))state!; s.Detach(c); }, (stream, this));

        /// <summary>The handler may return; the abort watch ends (Kestrel may reuse the request's token source).</summary>
        public void Release()
        {
            _released.TrySetResult();
            _abortRegistration.Unregister();
        }
    }
}
