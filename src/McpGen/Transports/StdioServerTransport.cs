using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using McpGen.JsonRpc;
using Microsoft.Extensions.Logging;

namespace McpGen.Transports;

/// <summary>
/// The stdio transport: newline-delimited JSON-RPC messages on an input and an output stream, read with
/// <see cref="System.IO.Pipelines"/>. Requests run concurrently; bad input is answered and never stops the loop.
/// </summary>
public static class StdioServerTransport
{
    private static int s_sessionCount;

    /// <summary>
    /// Serves one session over <paramref name="input"/> and <paramref name="output"/> until the input ends or
    /// <paramref name="cancellationToken"/> fires; then requests in flight get <see cref="McpServerOptions.ShutdownGracePeriod"/>
    /// to finish before the session ends. Both streams are left open.
    /// </summary>
    public static async Task RunAsync(McpServer server, Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);

        await using var writer = new StreamMessageWriter(output);
        // A stdio session is the process's only client: its id is never sent, so it need not be random (and loading
        // the cryptographic RNG costs milliseconds of cold start).
        var session = server.CreateSession(writer, "stdio-" + Interlocked.Increment(ref s_sessionCount).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var tracker = new InFlightTracker();
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        int maxBytes = server.Options.MaxMessageBytes;
        int maxQueuedWrites = server.Options.MaxInFlightRequestsPerSession + 64;
        bool discarding = false;
        bool readAbandoned = false;
        // Console streams ignore cancellation while blocked in read(2): wait for stop alongside the read instead.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopRegistration = cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), stopped);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ReadResult result;
                try
                {
                    var pending = reader.ReadAsync(CancellationToken.None);
                    if (!pending.IsCompleted)
                    {
                        var readTask = pending.AsTask();
                        if (await Task.WhenAny(readTask, stopped.Task).ConfigureAwait(false) != readTask)
                        {
                            readAbandoned = true;
                            break;
                        }
                        result = await readTask.ConfigureAwait(false);
                    }
                    else
                    {
                        result = pending.Result;
                    }
                }
                catch (IOException)
                {
                    break; // the client closed our input abruptly: same as EOF
                }

                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is SequencePosition newline)
                {
                    // Backpressure: while the client does not read our output, stop reading its input.
                    if (writer.QueuedMessages > maxQueuedWrites) await writer.WaitForCapacityAsync(maxQueuedWrites / 2).ConfigureAwait(false);
                    var line = buffer.Slice(0, newline);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline));
                    if (discarding)
                    {
                        discarding = false;
                        ReportTooLarge(session, writer, tracker, maxBytes);
                        continue;
                    }
                    HandleLine(server, session, writer, tracker, line, maxBytes);
                }

                if (!discarding && buffer.Length > maxBytes) discarding = true; // skip the rest of this oversized line
                if (discarding) buffer = buffer.Slice(buffer.End);
                reader.AdvanceTo(buffer.Start, buffer.End);

                if (result.IsCompleted)
                {
                    if (discarding) ReportTooLarge(session, writer, tracker, maxBytes);
                    else if (!buffer.IsEmpty) HandleLine(server, session, writer, tracker, buffer, maxBytes);
                    break;
                }
            }
        }
        finally
        {
            if (!readAbandoned) await reader.CompleteAsync().ConfigureAwait(false); // a read still blocked in the OS cannot be completed; the process is ending

            bool drained = await tracker.WaitAllAsync(server.Options.ShutdownGracePeriod).ConfigureAwait(false);
            if (!drained) server.Logger.LogWarning("{Count} request(s) still running after the shutdown grace period; cancelling them.", tracker.Count);
            await session.DisposeAsync().ConfigureAwait(false);
            await tracker.WaitAllAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Serves over the process's stdin and stdout. Handlers' console output goes to stderr; SIGTERM and SIGINT
    /// stop reading, let requests in flight finish (up to the grace period) and return, so the process exits with 0.
    /// </summary>
    internal static async Task RunConsoleAsync(McpServer server, CancellationToken cancellationToken)
    {
        var stdin = Console.OpenStandardInput();
        var stdout = Console.OpenStandardOutput();
        var previousOut = Console.Out;
        Console.SetOut(Console.Error); // stdout carries only JSON-RPC
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            await RunAsync(server, stdin, stdout, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(previousOut);
        }
    }

    private static void HandleLine(McpServer server, McpSession session, StreamMessageWriter writer, InFlightTracker tracker,
        ReadOnlySequence<byte> line, int maxBytes)
    {
        if (line.Length > maxBytes)
        {
            ReportTooLarge(session, writer, tracker, maxBytes);
            return;
        }
        int length = (int)line.Length;
        if (length > 0 && line.Slice(length - 1).FirstSpan[0] == (byte)'\r') length--;
        if (IsWhitespace(line.Slice(0, length))) return;

        byte[] array = ArrayPool<byte>.Shared.Rent(length);
        line.Slice(0, length).CopyTo(array);
        var memory = new ReadOnlyMemory<byte>(array, 0, length);

        JsonRpcMessage message;
        try
        {
            message = JsonRpcMessageParser.Parse(memory, server.Options.MaxDepth);
        }
        catch (JsonRpcParseException ex)
        {
            ArrayPool<byte>.Shared.Return(array);
            tracker.Track(WriteErrorAsync(writer, ex.Id, ex.ErrorCode, ex.Message));
            return;
        }

        if (message.Kind == JsonRpcMessageKind.Request && message.Method != "initialize")
        {
            // Off the read loop: a slow or blocking handler must not stop us reading cancellations and answers.
            tracker.Track(Task.Run(() => ProcessAsync(session, message, writer, array)));
            return;
        }

        // Notifications, responses and initialize are quick and must take effect before the next line is read.
        var pending = ProcessAsync(session, message, writer, array);
        if (!pending.IsCompleted) tracker.Track(pending);
    }

    private static async Task ProcessAsync(McpSession session, JsonRpcMessage message, StreamMessageWriter writer, byte[] array)
    {
        try
        {
            await session.ProcessMessageAsync(message, writer).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            session.Server.Logger.LogError(ex, "Unhandled failure processing a {Kind} message.", message.Kind);
            if (message.Kind == JsonRpcMessageKind.Request)
                await WriteErrorAsync(writer, message.Id, JsonRpcErrorCodes.InternalError, "Internal error.").ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private static void ReportTooLarge(McpSession session, StreamMessageWriter writer, InFlightTracker tracker, int maxBytes) =>
        tracker.Track(WriteErrorAsync(writer, default, JsonRpcErrorCodes.InvalidRequest,
            $"The message is larger than the limit of {maxBytes} bytes (McpServerOptions.MaxMessageBytes) and was skipped."));

    private static async Task WriteErrorAsync(StreamMessageWriter writer, RequestId id, int code, string message)
    {
        var buffer = JsonMessageBuffer.Rent();
        try
        {
            buffer.WriteError(id, code, message);
            await writer.WriteMessageAsync(buffer.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException) { /* the client is gone */ }
        finally
        {
            buffer.Dispose();
        }
    }

    private static bool IsWhitespace(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            foreach (byte b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
            }
        }
        return true;
    }

    /// <summary>Counts running message tasks so that shutdown can wait for them.</summary>
    private sealed class InFlightTracker
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
            task.ContinueWith(static (_, state) => ((InFlightTracker)state!).Done(), this, CancellationToken.None,
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
