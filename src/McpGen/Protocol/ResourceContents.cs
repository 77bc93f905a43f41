using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>The contents of a resource: <see cref="TextResourceContents"/> or <see cref="BlobResourceContents"/>.</summary>
[JsonConverter(typeof(ResourceContentsJsonConverter))]
public abstract class ResourceContents
{
    private protected ResourceContents() { }

    /// <summary>The resource URI.</summary>
    public required string Uri { get; init; }

    /// <summary>The MIME type, if known.</summary>
    public string? MimeType { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    public JsonElement? Meta { get; init; }
}

/// <summary>Textual resource contents.</summary>
public sealed class TextResourceContents : ResourceContents
{
    /// <summary>The text.</summary>
    public required string Text { get; init; }
}

/// <summary>Binary resource contents, base64-encoded.</summary>
public sealed class BlobResourceContents : ResourceContents
{
    /// <summary>The base64-encoded bytes.</summary>
    public required string Blob { get; init; }

    /// <summary>Creates blob contents from raw bytes.</summary>
    public static BlobResourceContents FromBytes(string uri, ReadOnlySpan<byte> bytes, string? mimeType) =>
        new() { Uri = uri, Blob = Convert.ToBase64String(bytes), MimeType = mimeType };
}

/// <summary>Reads and writes <see cref="ResourceContents"/>: the presence of <c>text</c> or <c>blob</c> tells the kind.</summary>
public sealed class ResourceContentsJsonConverter : JsonConverter<ResourceContents>
{
    /// <inheritdoc />
    public override ResourceContents? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Resource contents must be an object.");
        string? uri = null, mimeType = null, text = null, blob = null;
        JsonElement? meta = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("uri"u8)) { reader.Read(); uri = reader.GetString(); }
            else if (reader.ValueTextEquals("mimeType"u8)) { reader.Read(); mimeType = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); }
            else if (reader.ValueTextEquals("text"u8)) { reader.Read(); text = reader.GetString(); }
            else if (reader.ValueTextEquals("blob"u8)) { reader.Read(); blob = reader.GetString(); }
            else if (reader.ValueTextEquals("_meta"u8)) { reader.Read(); meta = JsonElement.ParseValue(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }
        if (uri is null) throw new JsonException("Resource contents need a \"uri\".");
        if (text is not null) return new TextResourceContents { Uri = uri, MimeType = mimeType, Text = text, Meta = meta };
        if (blob is not null) return new BlobResourceContents { Uri = uri, MimeType = mimeType, Blob = blob, Meta = meta };
        throw new JsonException("Resource contents need \"text\" or \"blob\".");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ResourceContents value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("uri"u8, value.Uri);
        if (value.MimeType is not null) writer.WriteString("mimeType"u8, value.MimeType);
        switch (value)
        {
            case TextResourceContents t: writer.WriteString("text"u8, t.Text); break;
            case BlobResourceContents b: writer.WriteString("blob"u8, b.Blob); break;
            default: throw new JsonException("Unknown kind of resource contents.");
        }
        if (value.Meta is { } meta)
        {
            writer.WritePropertyName("_meta"u8);
            meta.WriteTo(writer);
        }
        writer.WriteEndObject();
    }
}
