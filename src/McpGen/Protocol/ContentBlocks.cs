using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>
/// A piece of content in a tool result, prompt message or sampling message, told apart by its <c>type</c>:
/// <c>text</c>, <c>image</c>, <c>audio</c>, <c>resource_link</c>, <c>resource</c>, and in sampling <c>tool_use</c> and <c>tool_result</c>.
/// </summary>
[JsonConverter(typeof(ContentBlockJsonConverter))]
public abstract class ContentBlock
{
    private protected ContentBlock() { }

    /// <summary>The kind of content: <c>text</c>, <c>image</c>, <c>audio</c>, <c>resource_link</c>, <c>resource</c>, <c>tool_use</c> or <c>tool_result</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Hints for the client about audience and priority.</summary>
    public Annotations? Annotations { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }
}

/// <summary>Text content.</summary>
public sealed class TextContentBlock : ContentBlock
{
    /// <inheritdoc />
    public override string Type => "text";

    /// <summary>The text.</summary>
    public required string Text { get; init; }

    /// <summary>Creates a text block.</summary>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public TextContentBlock(string text) => Text = text;

    /// <summary>Creates an empty text block (for deserialization).</summary>
    public TextContentBlock() => Text = "";
}

/// <summary>An image, base64-encoded.</summary>
public sealed class ImageContentBlock : ContentBlock
{
    /// <inheritdoc />
    public override string Type => "image";

    /// <summary>The base64-encoded image.</summary>
    public required string Data { get; init; }

    /// <summary>The image's MIME type, e.g. <c>image/png</c>.</summary>
    public required string MimeType { get; init; }

    /// <summary>Creates an image block from raw bytes.</summary>
    public static ImageContentBlock FromBytes(ReadOnlySpan<byte> bytes, string mimeType) => new() { Data = Convert.ToBase64String(bytes), MimeType = mimeType };
}

/// <summary>Audio, base64-encoded.</summary>
public sealed class AudioContentBlock : ContentBlock
{
    /// <inheritdoc />
    public override string Type => "audio";

    /// <summary>The base64-encoded audio.</summary>
    public required string Data { get; init; }

    /// <summary>The audio's MIME type, e.g. <c>audio/wav</c>.</summary>
    public required string MimeType { get; init; }

    /// <summary>Creates an audio block from raw bytes.</summary>
    public static AudioContentBlock FromBytes(ReadOnlySpan<byte> bytes, string mimeType) => new() { Data = Convert.ToBase64String(bytes), MimeType = mimeType };
}

/// <summary>A link to a resource the client may read.</summary>
public sealed class ResourceLinkBlock : ContentBlock
{
    /// <inheritdoc />
    public override string Type => "resource_link";

    /// <summary>The resource URI.</summary>
    public required string Uri { get; init; }

    /// <summary>Programmatic name.</summary>
    public required string Name { get; init; }

    /// <summary>Display name.</summary>
    public string? Title { get; init; }

    /// <summary>What the resource is.</summary>
    public string? Description { get; init; }

    /// <summary>MIME type, if known.</summary>
    public string? MimeType { get; init; }

    /// <summary>Size in bytes, if known.</summary>
    public long? Size { get; init; }

    /// <summary>Icons.</summary>
    public IReadOnlyList<Icon>? Icons { get; init; }
}

/// <summary>The contents of a resource, embedded.</summary>
public sealed class EmbeddedResourceBlock : ContentBlock
{
    /// <inheritdoc />
    public override string Type => "resource";

    /// <summary>The embedded contents (text or blob).</summary>
    public required ResourceContents Resource { get; init; }
}

/// <summary>A model's request to call a tool (sampling with tools).</summary>
public sealed class ToolUseContentBlock : ContentBlock
{
    /// <inheritdoc />
    public override string Type => "tool_use";

    /// <summary>Identifies this tool use; matched by a <see cref="ToolResultContentBlock.ToolUseId"/>.</summary>
    public required string Id { get; init; }

    /// <summary>The tool to call.</summary>
    public required string Name { get; init; }

    /// <summary>The arguments.</summary>
    public required JsonElement Input { get; init; }
}

/// <summary>The result of a tool use, given back to the model (sampling with tools).</summary>
public sealed class ToolResultContentBlock : ContentBlock
{
    /// <inheritdoc />
    public override string Type => "tool_result";

    /// <summary>The <see cref="ToolUseContentBlock.Id"/> this answers.</summary>
    public required string ToolUseId { get; init; }

    /// <summary>The unstructured result.</summary>
    public required IReadOnlyList<ContentBlock> Content { get; init; }

    /// <summary>The structured result.</summary>
    public JsonElement? StructuredContent { get; init; }

    /// <summary>Whether the tool use failed.</summary>
    public bool? IsError { get; init; }
}

/// <summary>Hints about how content is meant to be used.</summary>
public sealed class Annotations
{
    /// <summary>Who the content is for.</summary>
    public IReadOnlyList<Role>? Audience { get; init; }

    /// <summary>0 (optional) to 1 (required).</summary>
    public double? Priority { get; init; }

    /// <summary>ISO 8601 time of the last change.</summary>
    public string? LastModified { get; init; }
}

/// <summary>The sender or recipient of a message.</summary>
[JsonConverter(typeof(RoleJsonConverter))]
public enum Role
{
    /// <summary>The user.</summary>
    User,

    /// <summary>The assistant (the model).</summary>
    Assistant,
}
