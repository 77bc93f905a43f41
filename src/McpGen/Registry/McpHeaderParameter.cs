using System.Globalization;
using System.Text.Json;

namespace McpGen;

/// <summary>
/// A tool parameter mirrored into an HTTP header (<c>x-mcp-header</c> in the input schema, revision 2026-07-28): the
/// client sends its value as <c>Mcp-Param-{Name}</c> too, so gateways can route on it, and the server checks that the
/// header and the body agree.
/// </summary>
/// <param name="Name">The header name suffix (<c>Mcp-Param-{Name}</c>).</param>
/// <param name="Path">The chain of <c>properties</c> keys from the schema root to the parameter.</param>
/// <param name="Type">The parameter's JSON type: <c>string</c>, <c>integer</c> or <c>boolean</c>.</param>
public sealed record McpHeaderParameter(string Name, IReadOnlyList<string> Path, string Type)
{
    /// <summary>The HTTP header that carries the value.</summary>
    public string HeaderName => "Mcp-Param-" + Name;

    /// <summary>
    /// The <c>x-mcp-header</c> annotations of <paramref name="inputSchema"/> reachable through <c>properties</c> only
    /// (annotations elsewhere are ignored: the spec makes such a tool invalid, and McpGen's analyzer reports them).
    /// </summary>
    public static IReadOnlyList<McpHeaderParameter> FromInputSchema(ReadOnlySpan<byte> inputSchema)
    {
        if (inputSchema.IndexOf("x-mcp-header"u8) < 0) return [];
        var found = new List<McpHeaderParameter>();
        using var schema = JsonDocument.Parse(inputSchema.ToArray());
        Collect(schema.RootElement, [], found);
        return found;
    }

    private static void Collect(JsonElement schema, List<string> path, List<McpHeaderParameter> found)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties"u8, out var properties) || properties.ValueKind != JsonValueKind.Object) return;
        foreach (var property in properties.EnumerateObject())
        {
            var here = new List<string>(path) { property.Name };
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("x-mcp-header"u8, out var header) && header.ValueKind == JsonValueKind.String
                && property.Value.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "string" or "integer" or "boolean")
            {
                found.Add(new McpHeaderParameter(header.GetString()!, here, type.GetString()!));
            }
            Collect(property.Value, here, found);
        }
    }

    /// <summary>
    /// Whether <paramref name="headerValue"/> (already decoded from its Base64 form) agrees with the body value at
    /// <see cref="Path"/> in <paramref name="arguments"/>. A value that is absent or null needs no header.
    /// </summary>
    /// <returns>The problem, or <see langword="null"/> when they agree.</returns>
    public string? Check(JsonElement arguments, string? headerValue)
    {
        var value = arguments;
        foreach (var key in Path)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(key, out value))
                return headerValue is null ? null : $"{HeaderName} was sent but the arguments have no '{string.Join('.', Path)}'";
        }
        if (value.ValueKind == JsonValueKind.Null) return headerValue is null ? null : $"{HeaderName} was sent but '{string.Join('.', Path)}' is null";
        if (headerValue is null) return $"the {HeaderName} header is required (the arguments carry '{string.Join('.', Path)}')";
        bool equal = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() == headerValue,
            JsonValueKind.Number => decimal.TryParse(headerValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && value.TryGetDecimal(out var b) && h == b,
            JsonValueKind.True => headerValue == "true",
            JsonValueKind.False => headerValue == "false",
            _ => false,
        };
        return equal ? null : $"{HeaderName} header value does not match body value of '{string.Join('.', Path)}'";
    }
}
