using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpGen.JsonRpc;

namespace McpGen;

/// <summary>A pooled buffer and the <see cref="Utf8JsonWriter"/> over it, for building one outbound message.</summary>
internal sealed class JsonMessageBuffer : IDisposable
{
    /// <summary>Writer options for every outbound message: compact (no newline can reach a line-delimited transport), relaxed escaping.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private static readonly ConcurrentQueue<JsonMessageBuffer> Pool = new();
    private static int s_pooled;
    private const int MaxPooled = 64;

    private JsonMessageBuffer()
    {
        Buffer = new PooledBufferWriter(1024);
        Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }

    public PooledBufferWriter Buffer { get; }

    public Utf8JsonWriter Writer { get; }

    /// <summary>The finished message (flushes the writer).</summary>
    public ReadOnlyMemory<byte> WrittenMemory
    {
        get
        {
            Writer.Flush();
            return Buffer.WrittenMemory;
        }
    }

    public static JsonMessageBuffer Rent()
    {
        if (Pool.TryDequeue(out var buffer))
        {
            Interlocked.Decrement(ref s_pooled);
            return buffer;
        }
        return new JsonMessageBuffer();
    }

    /// <summary>Discards what was written so that the buffer can be written again.</summary>
    public void Reset()
    {
        Writer.Reset();
        Buffer.Clear();
        Writer.Reset(Buffer);
    }

    private static readonly byte[] ResultPrefixHead = "{\"jsonrpc\":\"2.0\",\"id\":"u8.ToArray();
    private static readonly byte[] ResultPrefixTail = ",\"result\":"u8.ToArray();

    /// <summary>
    /// Starts a response whose result is written next, as a root value, with <see cref="Writer"/>; returns the
    /// position to roll back to when writing the result fails. Finish with <see cref="EndResult"/>.
    /// </summary>
    public int BeginResult(RequestId id)
    {
        Reset();
        Buffer.Write(ResultPrefixHead);
        id.WriteTo(Writer);
        Writer.Flush();
        Buffer.Write(ResultPrefixTail);
        Writer.Reset(Buffer);
        return Buffer.WrittenCount;
    }

    /// <summary>Discards a partly written result, back to <paramref name="checkpoint"/> from <see cref="BeginResult"/>.</summary>
    public void RollbackResult(int checkpoint)
    {
        Writer.Reset();
        Buffer.Truncate(checkpoint);
        Writer.Reset(Buffer);
    }

    /// <summary>Closes the response started by <see cref="BeginResult"/>.</summary>
    public void EndResult()
    {
        Writer.Flush();
        Buffer.Write("}"u8);
        Writer.Reset(Buffer);
    }

    /// <summary>Replaces whatever was written with an error response.</summary>
    public void WriteError(RequestId id, int code, string message, ReadOnlySpan<byte> utf8Data = default)
    {
        Reset();
        JsonRpcWriter.WriteError(Writer, id, code, message, utf8Data);
        Writer.Flush();
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        Reset();
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            Pool.Enqueue(this);
            return;
        }
        Interlocked.Decrement(ref s_pooled);
        Writer.Dispose();
        Buffer.Dispose();
    }
}
