using System.IO.Pipelines;

namespace McpGen.Transports;

/// <summary>
/// Writes newline-delimited JSON-RPC messages to a stream, one at a time. When several writers queue up, only
/// the last one flushes, so bursts of responses leave in few system calls. A reader that stops reading blocks
/// writers (backpressure) instead of growing a buffer.
/// </summary>
public sealed class StreamMessageWriter : IMcpMessageWriter, IAsyncDisposable
{
    private readonly PipeWriter _pipe;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private int _queued;
    private readonly object _capacityGate = new();
    private TaskCompletionSource? _capacityWaiter;
    private int _capacityThreshold;

    /// <summary>Creates a writer over <paramref name="output"/> (left open when disposed).</summary>
    public StreamMessageWriter(Stream output) =>
        _pipe = PipeWriter.Create(output ?? throw new ArgumentNullException(nameof(output)), new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));

    /// <inheritdoc />
    public async ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queued);
        try
        {
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _queued);
            throw;
        }
        try
        {
            var span = _pipe.GetSpan(utf8Message.Length + 1);
            utf8Message.Span.CopyTo(span);
            span[utf8Message.Length] = (byte)'\n';
            _pipe.Advance(utf8Message.Length + 1);
            if (Interlocked.Decrement(ref _queued) == 0)
                await _pipe.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
            SignalCapacity();
        }
    }

    /// <summary>How many messages are waiting to be written (the reader of the output is behind by this much).</summary>
    public int QueuedMessages => Volatile.Read(ref _queued);

    /// <summary>
    /// Completes when at most <paramref name="maxQueued"/> messages wait to be written. The stdio loop stops
    /// reading input while the client does not read our output, so memory stays bounded (backpressure).
    /// </summary>
    public Task WaitForCapacityAsync(int maxQueued)
    {
        if (QueuedMessages <= maxQueued) return Task.CompletedTask;
        lock (_capacityGate)
        {
            _capacityThreshold = maxQueued;
            _capacityWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = _capacityWaiter.Task;
            if (QueuedMessages <= maxQueued) SignalCapacity();
            return task;
        }
    }

    private void SignalCapacity()
    {
        if (Volatile.Read(ref _capacityWaiter) is null || QueuedMessages > _capacityThreshold) return;
        Interlocked.Exchange(ref _capacityWaiter, null)?.TrySetResult();
    }

    /// <summary>Flushes and completes the writer (the stream stays open).</summary>
    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _pipe.FlushAsync().ConfigureAwait(false);
            await _pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (IOException) { /* the reader is gone */ }
        finally
        {
            _lock.Release();
        }
    }
}
