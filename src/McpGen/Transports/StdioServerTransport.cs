using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using McpGen.JsonRpc;
using Microsoft.Extensions.Logging;

namespace McpGen.Transports;

/// <summary>
/// The stdio transport: newline-delimited JSON-RPC messages on an input and an output stream, read with
/// <see cref="System.IO.Pipelines"/>. It keeps only the framing and the backpressure; parsing, scheduling and
/// in-flight tracking are the <see cref="McpConnection"/>'s. Bad input is answered and never stops the loop.
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
        var connection = new McpConnection(server, writer, "stdio-" + Interlocked.Increment(ref s_sessionCount).ToString(System.Globalization.CultureInfo.InvariantCulture));
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
                        discarding = false; // the end of an oversized line, already answered
                        continue;
                    }
                    HandleLine(connection, line);
                }

                if (!discarding && buffer.Length > maxBytes)
                {
                    // Skip the rest of this oversized line; answer now, with the id its first bytes show.
                    discarding = true;
                    connection.ReceiveTooLarge(buffer);
                }
                if (discarding) buffer = buffer.Slice(buffer.End);
                reader.AdvanceTo(buffer.Start, buffer.End);

                if (result.IsCompleted)
                {
                    if (!discarding && !buffer.IsEmpty) HandleLine(connection, buffer);
                    break;
                }
            }
        }
        finally
        {
            if (!readAbandoned) await reader.CompleteAsync().ConfigureAwait(false); // a read still blocked in the OS cannot be completed; the process is ending
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Serves over the process's stdin and stdout. Handlers' console output goes to stderr; SIGTERM and SIGINT
    /// stop reading, let requests in flight finish (up to the grace period) and return, so the process exits with 0.
    /// </summary>
    public static async Task RunConsoleAsync(McpServer server, CancellationToken cancellationToken = default)
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

    /// <summary>Framing only: a trailing carriage return is dropped, blank lines are ignored.</summary>
    private static void HandleLine(McpConnection connection, ReadOnlySequence<byte> line)
    {
        long length = line.Length;
        if (length > 0 && line.Slice(length - 1).FirstSpan[0] == (byte)'\r') length--;
        line = line.Slice(0, length);
        if (IsWhitespace(line)) return;
        connection.Receive(line);
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
}
