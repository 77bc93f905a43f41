using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>An argument a prompt accepts.</summary>
public sealed class PromptArgument
{
    /// <summary>The argument's name.</summary>
    public required string Name { get; init; }

    /// <summary>Display name.</summary>
    public string? Title { get; init; }

    /// <summary>What the argument is.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the argument must be given.</summary>
    public bool? Required { get; init; }
}

/// <summary>A message of a prompt.</summary>
public sealed class PromptMessage
{
    /// <summary>Who says it.</summary>
    public required Role Role { get; init; }

    /// <summary>What is said.</summary>
    public required ContentBlock Content { get; init; }

    /// <summary>A user message with text.</summary>
    public static PromptMessage User(string text) => new() { Role = Role.User, Content = new TextContentBlock(text) };

    /// <summary>An assistant message with text.</summary>
    public static PromptMessage Assistant(string text) => new() { Role = Role.Assistant, Content = new TextContentBlock(text) };
}

/// <summary>The result of <c>prompts/get</c>.</summary>
public sealed class GetPromptResult
{
    /// <summary>A description of the prompt.</summary>
    public string? Description { get; init; }

    /// <summary>The messages.</summary>
    public required IReadOnlyList<PromptMessage> Messages { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }
}
