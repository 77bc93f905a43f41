using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace McpGen.Protocol;

/// <summary>
/// Reads a <see cref="ContentBlock"/> by its <c>type</c>, wherever <c>type</c> appears among the members (peers do not
/// always put it first), and writes the concrete block with <c>type</c> first.
/// </summary>
public sealed class ContentBlockJsonConverter : JsonConverter<ContentBlock>
{
    /// <inheritdoc />
    public override ContentBlock? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A content block must be an object.");
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) throw new JsonException("A content block needs a string \"type\".");
        return type.GetString() switch
        {
            "text" => root.Deserialize(Info<TextContentBlock>(options)),
            "image" => root.Deserialize(Info<ImageContentBlock>(options)),
            "audio" => root.Deserialize(Info<AudioContentBlock>(options)),
            "resource_link" => root.Deserialize(Info<ResourceLinkBlock>(options)),
            "resource" => root.Deserialize(Info<EmbeddedResourceBlock>(options)),
            "tool_use" => root.Deserialize(Info<ToolUseContentBlock>(options)),
            "tool_result" => root.Deserialize(Info<ToolResultContentBlock>(options)),
            var other => throw new JsonException($"Unknown content block type '{other}'."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ContentBlock value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case TextContentBlock t: JsonSerializer.Serialize(writer, t, Info<TextContentBlock>(options)); break;
            case ImageContentBlock i: JsonSerializer.Serialize(writer, i, Info<ImageContentBlock>(options)); break;
            case AudioContentBlock a: JsonSerializer.Serialize(writer, a, Info<AudioContentBlock>(options)); break;
            case ResourceLinkBlock l: JsonSerializer.Serialize(writer, l, Info<ResourceLinkBlock>(options)); break;
            case EmbeddedResourceBlock e: JsonSerializer.Serialize(writer, e, Info<EmbeddedResourceBlock>(options)); break;
            case ToolUseContentBlock u: JsonSerializer.Serialize(writer, u, Info<ToolUseContentBlock>(options)); break;
            case ToolResultContentBlock r: JsonSerializer.Serialize(writer, r, Info<ToolResultContentBlock>(options)); break;
            default: throw new JsonException($"Unknown content block {value.GetType().Name}."); // reflection-free: a type name in a message
        }
    }

    private static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
