using System.Buffers;
using McpGen.JsonRpc;
using Microsoft.Extensions.Logging;

namespace McpGen;

/// <summary>
/// One client connection of a stream transport (stdio, a socket, a pipe), after framing: it takes whole messages,
/// answers the ones that cannot be parsed, runs requests off the reader's loop (the handshake and everything that
/// is not a request take effect before the next message is read), owns each message's buffer until it is handled,
/// and on disposal waits for what is still running. A transport keeps only its framing and backpressure.
/// </summary>
/// <example>
/// <code>
/// await using var connection = new McpConnection(server, writer);
/// foreach (var frame in ReadFrames()) connection.Receive(frame);   // then dispose: in-flight requests get the grace period
/// </code>
/// </example>
public sealed class McpConnection : IAsyncDisposable
{
    private readonly McpServer _server;
    private readonly IMcpMessageWriter _output;
    private readonly RunningTasks _running = new();
    private int _disposed;

    /// <summary>Creates a connection and its session.</summary>
    /// <param name="server">The server.</param>
    /// <param name="output">Where everything the server sends goes (responses, notifications, requests to the client).</param>
    /// <param name="sessionId">The session id (by default 128 random bits).</param>
    public McpConnection(McpServer server, IMcpMessageWriter output, string? sessionId = null)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
        _output = output ?? throw new ArgumentNullException(nameof(output));
        Session = server.CreateSession(output, sessionId);
    }

    /// <summary>The session this connection carries.</summary>
    public McpSession Session { get; }

    /// <summary>How many messages are being handled now.</summary>
    public int Running => _running.Count;

    /// <summary>
    /// Handles one whole message (without its framing). The bytes are copied: the caller may reuse its buffer as soon
    /// as this returns. Messages over <see cref="McpServerOptions.MaxMessageBytes"/> are answered as too large.
    /// </summary>
    public void Receive(ReadOnlySequence<byte> message)
    {
        int maxBytes = _server.Options.MaxMessageBytes;
        if (message.Length > maxBytes)
        {
            ReceiveTooLarge(message);
            return;
        }
        int length = (int)message.Length;
        byte[] array = McpBufferPool.Rent(Math.Max(length, 1));
        message.CopyTo(array);
        var memory = new ReadOnlyMemory<byte>(array, 0, length);

        JsonRpcMessage parsed;
        try
        {
            parsed = JsonRpcMessageParser.Parse(memory, _server.Options.MaxDepth);
        }
        catch (JsonRpcParseException ex)
        {
            McpBufferPool.Return(array);
            _running.Track(WriteErrorAsync(_output, ex.Id, ex.ErrorCode, ex.Message));
            return;
        }

        if (parsed.Kind == JsonRpcMessageKind.Request && !_server.IsHandshake(parsed))
        {
            // Off the read loop: a slow or blocking handler must not stop the transport reading cancellations and answers.
            _running.Track(Task.Run(() => ProcessAsync(parsed, array)));
            return;
        }

        // Notifications, responses and the handshake are quick and must take effect before the next message is read.
        var pending = ProcessAsync(parsed, array);
        if (!pending.IsCompleted) _running.Track(pending);
    }

    /// <summary>
    /// Answers a message the transport did not read whole because it is over <see cref="McpServerOptions.MaxMessageBytes"/>:
    /// -32600, with the message's id when its first bytes (<paramref name="head"/>) show it, so the client's request does
    /// not hang.
    /// </summary>
    public void ReceiveTooLarge(ReadOnlySequence<byte> head)
    {
        var id = JsonRpcMessageParser.PeekRequestId(head);
        _running.Track(WriteErrorAsync(_output, id, JsonRpcErrorCodes.InvalidRequest,
            $"The message is larger than the limit of {_server.Options.MaxMessageBytes} bytes (McpServerOptions.MaxMessageBytes) and was skipped."));
    }

    private async Task ProcessAsync(JsonRpcMessage message, byte[] array)
    {
        try
        {
            // A request with per-request metadata (revision 2026-07-28) stands alone, before or beside the session's
            // handshake; it shares the session's in-flight registry, so notifications/cancelled reaches it.
            var era = message.Kind == JsonRpcMessageKind.Request ? _server.ClassifyRequest(message) : null;
            if (era is { Era: McpEra.PerRequest })
                await _server.ProcessPerRequestAsync(message, era, _output, CancellationToken.None, null, ((IMcpClientState)Session).InFlight).ConfigureAwait(false);
            else
                await Session.ProcessMessageAsync(message, _output).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _server.Logger.LogError(ex, "Unhandled failure processing a {Kind} message.", message.Kind);
            if (message.Kind == JsonRpcMessageKind.Request)
                await WriteErrorAsync(_output, message.Id, JsonRpcErrorCodes.InternalError, "Internal error.").ConfigureAwait(false);
        }
        finally
        {
            McpBufferPool.Return(array);
        }
    }

    /// <summary>Writes a JSON-RPC error response (best effort: a client that is gone is ignored).</summary>
    /// <param name="output">Where to write it.</param>
    /// <param name="id">The request's id; empty is written as <c>null</c> (the id could not be read).</param>
    /// <param name="code">The error code (<see cref="JsonRpcErrorCodes"/>).</param>
    /// <param name="message">The error message.</param>
    public static async Task WriteErrorAsync(IMcpMessageWriter output, RequestId id, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = JsonMessageBuffer.Rent();
        try
        {
            buffer.WriteError(id, code, message);
            await output.WriteMessageAsync(buffer.WrittenMemory, McpOutboundMessageKind.Response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException) { /* the client is gone */ }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Ends the connection: requests in flight get <see cref="McpServerOptions.ShutdownGracePeriod"/> to finish, then
    /// the session ends (what still runs is cancelled).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        bool drained = await _running.WaitAllAsync(_server.Options.ShutdownGracePeriod).ConfigureAwait(false);
        if (!drained) _server.Logger.LogWarning("{Count} request(s) still running after the shutdown grace period; cancelling them.", _running.Count);
        await Session.DisposeAsync().ConfigureAwait(false);
        await _running.WaitAllAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
    }

    /// <summary>Counts running message tasks so that shutdown can wait for them.</summary>
    private sealed class RunningTasks
    {
        private int _count;
        private TaskCompletionSource _idle = NewIdle(completed: true);

        public int Count => Volatile.Read(ref _count);

        public void Track(Task task)
        {
            if (task.IsCompleted) return;
            lock (this)
            {
                if (_count++ == 0) _idle = NewIdle(completed: false);
            }
            task.ContinueWith(static (_, state) => ((RunningTasks)state!).Done(), this, CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private void Done()
        {
            TaskCompletionSource? idle = null;
            lock (this)
            {
                if (--_count == 0) idle = _idle;
            }
            idle?.TrySetResult();
        }

        public async Task<bool> WaitAllAsync(TimeSpan timeout)
        {
            Task idle;
            lock (this) idle = _idle.Task;
            try
            {
                await idle.WaitAsync(timeout).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        private static TaskCompletionSource NewIdle(bool completed)
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (completed) tcs.SetResult();
            return tcs;
        }
    }
}
