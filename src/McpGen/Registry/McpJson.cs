using System.Text.Json;
using McpGen.Protocol;

namespace McpGen;

/// <summary>Small JSON helpers shared by the runtime and hand-written primitives.</summary>
internal static class McpJson
{
    public static byte[] ValidateObjectSchema(string schema, string paramName)
    {
        try
        {
            using var doc = JsonDocument.Parse(schema);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
                throw new ArgumentException("A tool schema must be a JSON object with \"type\": \"object\".", paramName);
            // Re-serialize minified: no newline may reach a line-delimited or SSE transport.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer)) doc.RootElement.WriteTo(writer);
            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The schema is not valid JSON: " + ex.Message, paramName, ex);
        }
    }

    /// <summary>Reads a JSON object of strings (prompt arguments). Throws -32602 when it is anything else.</summary>
    public static Dictionary<string, string> ReadStringMap(ReadOnlySpan<byte> json, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.IsEmpty) return result;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return result;
        if (reader.TokenType != JsonTokenType.StartObject) throw new McpInvalidParamsException($"'{path}' must be an object of strings.", path);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String) throw new McpInvalidParamsException($"'{path}.{name}' must be a string.", path + "." + name);
            result[name] = reader.GetString()!;
        }
        return result;
    }

    public static void WriteAnnotationsAndIcons(Utf8JsonWriter writer, Annotations? annotations, IReadOnlyList<Icon>? icons)
    {
        if (annotations is not null)
        {
            writer.WritePropertyName("annotations"u8);
            JsonSerializer.Serialize(writer, annotations, McpJsonContext.Default.Annotations);
        }
        if (icons is not null)
        {
            writer.WritePropertyName("icons"u8);
            JsonSerializer.Serialize(writer, icons, McpJsonContext.Default.IReadOnlyListIcon);
        }
    }
}
