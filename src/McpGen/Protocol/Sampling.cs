using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace McpGen.Protocol;

/// <summary>The params of <c>sampling/createMessage</c>: asks the client to sample its LLM.</summary>
public sealed class CreateMessageRequestParams
{
    /// <summary>The conversation to continue.</summary>
    public required IReadOnlyList<SamplingMessage> Messages { get; init; }

    /// <summary>Which model the server would prefer (advisory).</summary>
    public ModelPreferences? ModelPreferences { get; init; }

    /// <summary>A system prompt (the client may change or drop it).</summary>
    public string? SystemPrompt { get; init; }

    /// <summary><c>none</c>, <c>thisServer</c> or <c>allServers</c> (the last two are soft-deprecated).</summary>
    public string? IncludeContext { get; init; }

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>The most tokens to sample.</summary>
    public required int MaxTokens { get; init; }

    /// <summary>Sequences that stop sampling.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Provider-specific metadata.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Tools the model may use (needs the client's <c>sampling.tools</c> capability).</summary>
    public IReadOnlyList<Tool>? Tools { get; init; }

    /// <summary>How the model may use the tools.</summary>
    public ToolChoice? ToolChoice { get; init; }
}

/// <summary>A message sent to or received from an LLM.</summary>
public sealed class SamplingMessage
{
    /// <summary>Who says it.</summary>
    public required Role Role { get; init; }

    /// <summary>One or more content blocks (text, image, audio, tool use, tool result).</summary>
    [JsonConverter(typeof(ContentBlockListJsonConverter))]
    public required IReadOnlyList<ContentBlock> Content { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }

    /// <summary>A user message with text.</summary>
    public static SamplingMessage User(string text) => new() { Role = Role.User, Content = [new TextContentBlock(text)] };
}

/// <summary>The server's model preferences.</summary>
public sealed class ModelPreferences
{
    /// <summary>Model name hints, in order of preference.</summary>
    public IReadOnlyList<ModelHint>? Hints { get; init; }

    /// <summary>0..1: how much cost matters.</summary>
    public double? CostPriority { get; init; }

    /// <summary>0..1: how much speed matters.</summary>
    public double? SpeedPriority { get; init; }

    /// <summary>0..1: how much capability matters.</summary>
    public double? IntelligencePriority { get; init; }
}

/// <summary>A model name hint.</summary>
public sealed class ModelHint
{
    /// <summary>A (sub)string of a model name.</summary>
    public string? Name { get; init; }
}

/// <summary>How a sampled model may use tools.</summary>
public sealed class ToolChoice
{
    /// <summary><c>auto</c>, <c>required</c> or <c>none</c>.</summary>
    public string? Mode { get; init; }
}

/// <summary>The client's answer to <c>sampling/createMessage</c>.</summary>
public sealed class CreateMessageResult
{
    /// <summary>Who says it (the assistant).</summary>
    public required Role Role { get; init; }

    /// <summary>The sampled content.</summary>
    [JsonConverter(typeof(ContentBlockListJsonConverter))]
    public required IReadOnlyList<ContentBlock> Content { get; init; }

    /// <summary>The model that answered.</summary>
    public required string Model { get; init; }

    /// <summary>Why sampling stopped: <c>endTurn</c>, <c>stopSequence</c>, <c>maxTokens</c>, <c>toolUse</c> or another value.</summary>
    public string? StopReason { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }
}

/// <summary>Reads a content block or an array of them; writes a single block as an object and several as an array.</summary>
public sealed class ContentBlockListJsonConverter : JsonConverter<IReadOnlyList<ContentBlock>>
{
    /// <inheritdoc />
    public override IReadOnlyList<ContentBlock>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var info = (JsonTypeInfo<ContentBlock>)options.GetTypeInfo(typeof(ContentBlock));
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var list = new List<ContentBlock>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                list.Add(JsonSerializer.Deserialize(ref reader, info) ?? throw new JsonException("A content block must not be null."));
            return list;
        }
        return [JsonSerializer.Deserialize(ref reader, info) ?? throw new JsonException("A content block must not be null.")];
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ContentBlock> value, JsonSerializerOptions options)
    {
        var info = (JsonTypeInfo<ContentBlock>)options.GetTypeInfo(typeof(ContentBlock));
        if (value.Count == 1)
        {
            JsonSerializer.Serialize(writer, value[0], info);
            return;
        }
        writer.WriteStartArray();
        foreach (var block in value) JsonSerializer.Serialize(writer, block, info);
        writer.WriteEndArray();
    }
}
