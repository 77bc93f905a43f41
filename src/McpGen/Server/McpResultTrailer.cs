using System.Buffers;
using System.Text.Json;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// The members a per-request-era result ends with: <c>"resultType":"complete"</c> and the server's info in
/// <c>_meta</c>, rendered once per server so no result pays for building them.
/// </summary>
public sealed class McpResultTrailer
{
    internal McpResultTrailer(Implementation serverInfo)
    {
        WithoutServerInfo = "\"resultType\":\"complete\""u8.ToArray();
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonMessageBuffer.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("_meta"u8);
            writer.WritePropertyName(McpMetaKeys.ServerInfo);
            JsonSerializer.Serialize(writer, serverInfo, McpJsonContext.Default.Implementation);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        // {"_meta":{...}} without its outer braces, after the result type.
        var meta = buffer.WrittenSpan[1..^1];
        WithServerInfo = [.. WithoutServerInfo, (byte)',', .. meta];
        MetaObject = meta["\"_meta\":"u8.Length..].ToArray();
    }

    /// <summary><c>"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":…}</c></summary>
    internal byte[] WithServerInfo { get; }

    /// <summary><c>"resultType":"complete"</c>, for results that carry a <c>_meta</c> of their own.</summary>
    internal byte[] WithoutServerInfo { get; }

    /// <summary><c>{"io.modelcontextprotocol/serverInfo":…}</c>: the <c>_meta</c> value of results written whole (input required).</summary>
    internal byte[] MetaObject { get; }
}
