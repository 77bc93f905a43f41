namespace McpGen;

/// <summary>The in-process <see cref="IMcpChangeBus"/>: listeners are called in turn by the publisher.</summary>
public sealed class InMemoryMcpChangeBus : IMcpChangeBus
{
    private volatile Func<McpChange, ValueTask>[] _listeners = [];
    private readonly object _gate = new();

    /// <summary>How many listeners there are now.</summary>
    public int ListenerCount => _listeners.Length;

    /// <inheritdoc />
    public async ValueTask PublishAsync(McpChange change, CancellationToken cancellationToken = default)
    {
        foreach (var listener in _listeners)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await listener(change).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Func<McpChange, ValueTask> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate) _listeners = [.. _listeners, listener];
        return new Subscription(this, listener);
    }

    private void Unsubscribe(Func<McpChange, ValueTask> listener)
    {
        lock (_gate) _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, listener))];
    }

    private sealed class Subscription(InMemoryMcpChangeBus bus, Func<McpChange, ValueTask> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) bus.Unsubscribe(listener);
        }
    }
}
