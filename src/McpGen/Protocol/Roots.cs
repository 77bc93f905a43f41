using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>A root the client lets the server work in (a <c>file://</c> URI).</summary>
public sealed class Root
{
    /// <summary>The root's URI.</summary>
    public required string Uri { get; init; }

    /// <summary>A display name.</summary>
    public string? Name { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }
}

/// <summary>The client's answer to <c>roots/list</c>.</summary>
public sealed class ListRootsResult
{
    /// <summary>The roots.</summary>
    public required IReadOnlyList<Root> Roots { get; init; }
}
