using System.Text.Json;

namespace McpGen.Protocol;

/// <summary>Who may reuse a cached result (revision 2026-07-28, <c>cacheScope</c>).</summary>
public enum McpCacheScope
{
    /// <summary>The result holds nothing user-specific: any client or shared cache may reuse it.</summary>
    Public,

    /// <summary>The result may be reused only within the same authorization context.</summary>
    Private,
}

/// <summary>A caching hint: how long a result stays fresh and who may reuse it.</summary>
/// <param name="TtlMs">Milliseconds the result stays fresh; 0 means re-fetch whenever needed.</param>
/// <param name="Scope">Who may reuse it.</param>
public readonly record struct McpCacheHint(long TtlMs, McpCacheScope Scope)
{
    /// <summary>Writes the hint's two members into the object <paramref name="writer"/> is in.</summary>
    public void WriteMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (TtlMs < 0) throw new InvalidOperationException("ttlMs must be 0 or more.");
        writer.WriteNumber("ttlMs"u8, TtlMs);
        writer.WriteString("cacheScope"u8, Scope == McpCacheScope.Public ? "public"u8 : "private"u8);
    }

    /// <summary>Writes <c>"ttlMs":…,"cacheScope":"…"</c> as raw UTF-8 (for appending to a result already written).</summary>
    internal void WriteRawMembers(System.Buffers.IBufferWriter<byte> output)
    {
        if (TtlMs < 0) throw new InvalidOperationException("ttlMs must be 0 or more.");
        Write(output, "\"ttlMs\":"u8);
        var span = output.GetSpan(20);
        System.Buffers.Text.Utf8Formatter.TryFormat(TtlMs, span, out int written);
        output.Advance(written);
        Write(output, Scope == McpCacheScope.Public ? ",\"cacheScope\":\"public\""u8 : ",\"cacheScope\":\"private\""u8);
    }

    private static void Write(System.Buffers.IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
