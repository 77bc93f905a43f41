using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>
/// Hand-written converters for the protocol's string enums. System.Text.Json's enum converter reflects over
/// enum fields, which the trimmer flags on net8.0; these switch over the known names instead.
/// </summary>
internal static class WireEnum
{
    public static string ReadName(ref Utf8JsonReader reader, string typeName) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"A {typeName} must be a string.");
}

/// <summary>Reads and writes <see cref="LoggingLevel"/> as its lowercase wire name.</summary>
public sealed class LoggingLevelJsonConverter : JsonConverter<LoggingLevel>
{
    /// <inheritdoc />
    public override LoggingLevel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string name = WireEnum.ReadName(ref reader, "logging level");
        return LoggingLevels.TryParse(name, out var level) ? level : throw new JsonException($"Unknown logging level '{name}'.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LoggingLevel value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToWireName());
}

/// <summary>Reads and writes <see cref="Role"/> as <c>user</c> or <c>assistant</c>.</summary>
public sealed class RoleJsonConverter : JsonConverter<Role>
{
    /// <inheritdoc />
    public override Role Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireEnum.ReadName(ref reader, "role") switch
    {
        "user" => Role.User,
        "assistant" => Role.Assistant,
        var other => throw new JsonException($"Unknown role '{other}'."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Role value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == Role.Assistant ? "assistant"u8 : "user"u8);
}

/// <summary>Reads and writes <see cref="ElicitAction"/> as <c>accept</c>, <c>decline</c> or <c>cancel</c>.</summary>
public sealed class ElicitActionJsonConverter : JsonConverter<ElicitAction>
{
    /// <inheritdoc />
    public override ElicitAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireEnum.ReadName(ref reader, "elicitation action") switch
    {
        "accept" => ElicitAction.Accept,
        "decline" => ElicitAction.Decline,
        "cancel" => ElicitAction.Cancel,
        var other => throw new JsonException($"Unknown elicitation action '{other}'."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ElicitAction value, JsonSerializerOptions options) => writer.WriteStringValue(value switch
    {
        ElicitAction.Accept => "accept"u8,
        ElicitAction.Decline => "decline"u8,
        _ => "cancel"u8,
    });
}
