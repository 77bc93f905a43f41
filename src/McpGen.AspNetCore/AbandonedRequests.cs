namespace McpGen.AspNetCore;

/// <summary>
/// A request whose client went away is not cancelled at once (the client may resume its stream with
/// <c>Last-Event-ID</c>), but once its stream has had no connection for <see cref="McpHttpOptions.AbandonedRequestTimeout"/>
/// it is cancelled, so a hung call releases its in-flight slot and what it holds. A client that comes back in time
/// re-attaches and the clock stops.
/// </summary>
internal static class AbandonedRequests
{
    public static async Task WatchAsync(SseStream stream, Task processing, CancellationTokenSource abandon, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan) return;
        var check = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(15).Ticks));
        while (!processing.IsCompleted)
        {
            await Task.WhenAny(processing, Task.Delay(check)).ConfigureAwait(false);
            if (processing.IsCompleted) return;
            if (stream.Unattended >= timeout)
            {
                try { await abandon.CancelAsync().ConfigureAwait(false); }
                catch (ObjectDisposedException) { } // finished meanwhile
                return;
            }
        }
    }
}
