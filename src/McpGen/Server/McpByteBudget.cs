namespace McpGen;

/// <summary>
/// A server-wide budget of bytes (thread-safe): what requests in flight may hold together. A request reserves its
/// message's size before it runs and gives it back once answered, so many slow or hung calls carrying large arguments
/// cannot pin unbounded memory, whichever transport or session they came on.
/// </summary>
internal sealed class McpByteBudget(long limit)
{
    private long _used;

    /// <summary>The most bytes that may be reserved at once.</summary>
    public long Limit => limit;

    /// <summary>The bytes reserved now.</summary>
    public long Used => Interlocked.Read(ref _used);

    /// <summary>Reserves <paramref name="bytes"/>; <see langword="false"/> (nothing reserved) when that would pass the limit.</summary>
    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) <= limit) return true;
        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    /// <summary>Gives back what <see cref="TryReserve"/> took.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
