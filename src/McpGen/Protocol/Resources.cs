using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>The result of <c>resources/read</c>.</summary>
public sealed class ReadResourceResult
{
    /// <summary>The contents (one or more, e.g. the files of a directory).</summary>
    public required IReadOnlyList<ResourceContents> Contents { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }
}
