using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>Hints about a tool's behaviour. All are hints: clients must not trust them from untrusted servers.</summary>
public sealed class ToolAnnotations
{
    /// <summary>A display title.</summary>
    public string? Title { get; init; }

    /// <summary>The tool does not modify its environment.</summary>
    public bool? ReadOnlyHint { get; init; }

    /// <summary>The tool may perform destructive updates.</summary>
    public bool? DestructiveHint { get; init; }

    /// <summary>Calling the tool again with the same arguments has no further effect.</summary>
    public bool? IdempotentHint { get; init; }

    /// <summary>The tool interacts with an open world of external entities.</summary>
    public bool? OpenWorldHint { get; init; }
}

/// <summary>A tool definition as listed by <c>tools/list</c> (also used to offer tools in sampling requests).</summary>
public sealed class Tool
{
    /// <summary>The tool's name.</summary>
    public required string Name { get; init; }

    /// <summary>Display name.</summary>
    public string? Title { get; init; }

    /// <summary>What the tool does.</summary>
    public string? Description { get; init; }

    /// <summary>The JSON Schema of the arguments (an object schema).</summary>
    public required JsonElement InputSchema { get; init; }

    /// <summary>The JSON Schema of <c>structuredContent</c>, if the tool returns structured output.</summary>
    public JsonElement? OutputSchema { get; init; }

    /// <summary>Behaviour hints.</summary>
    public ToolAnnotations? Annotations { get; init; }

    /// <summary>Icons.</summary>
    public IReadOnlyList<Icon>? Icons { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }
}

/// <summary>The result of <c>tools/call</c>.</summary>
public sealed class CallToolResult
{
    /// <summary>The unstructured result.</summary>
    public IReadOnlyList<ContentBlock> Content { get; init; } = [];

    /// <summary>The structured result (an object matching the tool's output schema).</summary>
    public JsonElement? StructuredContent { get; init; }

    /// <summary>Whether the call failed. Tool failures are results, not protocol errors, so the model can see them.</summary>
    public bool? IsError { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }

    /// <summary>A result with one text block.</summary>
    public static CallToolResult FromText(string text) => new() { Content = [new TextContentBlock(text)] };

    /// <summary>A failed result with one text block explaining the failure.</summary>
    public static CallToolResult FromError(string message) => new() { Content = [new TextContentBlock(message)], IsError = true };
}
