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
        _resultStart = Buffer.WrittenCount;
        return _resultStart;
    }

    private int _resultStart;

    /// <summary>
    /// Members every result gets after its own (revisions whose results carry <c>resultType</c> and the server's
    /// info), set by the request runner; <see langword="null"/> for none.
    /// </summary>
    public McpResultTrailer? Trailer { get; set; }

    /// <summary>A caching hint for the result being written (<c>resources/read</c>), appended with <see cref="Trailer"/>.</summary>
    public McpGen.Protocol.McpCacheHint? ResultCacheHint { get; set; }

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
        if (Trailer is { } trailer) AppendTrailer(trailer);
        Buffer.Write("}"u8);
        Writer.Reset(Buffer);
    }

    /// <summary>Closes a result that already holds every member it needs (an input-required result): no trailer.</summary>
    public void EndCompleteResult()
    {
        Writer.Flush();
        Buffer.Write("}"u8);
        Writer.Reset(Buffer);
    }

    /// <summary>
    /// Inserts the trailer's members before the result object's closing brace. The result was written compactly, so
    /// its last byte is that brace; a result that already has a <c>_meta</c> keeps it, and gets no server info.
    /// </summary>
    private void AppendTrailer(McpResultTrailer trailer)
    {
        var written = Buffer.WrittenSpan;
        if (written.Length <= _resultStart || written[^1] != (byte)'}') return; // not an object result
        bool empty = written[^2] == (byte)'{' && written.Length - 2 == _resultStart;
        bool hasMeta = written[_resultStart..].IndexOf("\"_meta\":"u8) >= 0;
        Buffer.Truncate(written.Length - 1);
        if (!empty) Buffer.Write(","u8);
        Buffer.Write(hasMeta ? trailer.WithoutServerInfo : trailer.WithServerInfo);
        if (ResultCacheHint is { } hint)
        {
            Buffer.Write(","u8);
            hint.WriteRawMembers(Buffer);
        }
        Buffer.Write("}"u8);
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
        Trailer = null;
        ResultCacheHint = null;
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
