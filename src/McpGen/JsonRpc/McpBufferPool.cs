using System.Buffers;

namespace McpGen.JsonRpc;

/// <summary>
/// Where message buffers come from: arrays up to <see cref="MaxPooledBytes"/> are rented from
/// <see cref="ArrayPool{T}.Shared"/>; larger ones are allocated and left to the collector when returned.
/// </summary>
/// <remarks>
/// The shared pool keeps what it is given, up to gigabyte buckets, until a gen-2 collection under memory pressure trims
/// it. A client that sends (or makes the server write) a burst of 4 MiB messages would otherwise leave tens of such
/// arrays cached per core after it is gone. Ordinary messages are far below the threshold, so the fast path is unchanged.
/// </remarks>
internal static class McpBufferPool
{
    /// <summary>The largest array that goes back to the shared pool (1 MiB).</summary>
    public const int MaxPooledBytes = 1024 * 1024;

    /// <summary>An array of at least <paramref name="minimumLength"/> bytes.</summary>
    public static byte[] Rent(int minimumLength) =>
        minimumLength <= MaxPooledBytes ? ArrayPool<byte>.Shared.Rent(minimumLength) : GC.AllocateUninitializedArray<byte>(minimumLength);

    /// <summary>Gives back an array from <see cref="Rent"/>; one over <see cref="MaxPooledBytes"/> is dropped.</summary>
    public static void Return(byte[] array)
    {
        if (array.Length is > 0 and <= MaxPooledBytes) ArrayPool<byte>.Shared.Return(array);
    }

    /// <summary>A char array of at least <paramref name="minimumLength"/> chars, under the same byte threshold.</summary>
    public static char[] RentChars(int minimumLength) =>
        minimumLength <= MaxPooledBytes / sizeof(char) ? ArrayPool<char>.Shared.Rent(minimumLength) : GC.AllocateUninitializedArray<char>(minimumLength);

    /// <summary>Gives back an array from <see cref="RentChars"/>.</summary>
    public static void ReturnChars(char[] array)
    {
        if (array.Length is > 0 and <= MaxPooledBytes / sizeof(char)) ArrayPool<char>.Shared.Return(array);
    }
}
