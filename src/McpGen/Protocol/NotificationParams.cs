using System.Text.Json;
using System.Text.Json.Serialization;
using McpGen.JsonRpc;

namespace McpGen.Protocol;

/// <summary>The params of <c>notifications/progress</c>.</summary>
public sealed class ProgressNotificationParams
{
    /// <summary>The token of the request the progress belongs to.</summary>
    public required ProgressToken ProgressToken { get; init; }

    /// <summary>Progress so far; increases with every notification.</summary>
    public required double Progress { get; init; }

    /// <summary>The total, if known.</summary>
    public double? Total { get; init; }

    /// <summary>What is happening.</summary>
    public string? Message { get; init; }
}

/// <summary>The params of <c>notifications/message</c>: a log message.</summary>
public sealed class LoggingMessageNotificationParams
{
    /// <summary>The severity.</summary>
    public required LoggingLevel Level { get; init; }

    /// <summary>The logger's name.</summary>
    public string? Logger { get; init; }

    /// <summary>The message: any JSON value.</summary>
    public required JsonElement Data { get; init; }
}

/// <summary>The params of <c>notifications/cancelled</c>.</summary>
public sealed class CancelledNotificationParams
{
    /// <summary>The id of the request to cancel.</summary>
    [JsonConverter(typeof(RequestIdJsonConverter))]
    public RequestId RequestId { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }
}

/// <summary>The params of <c>notifications/resources/updated</c>.</summary>
public sealed class ResourceUpdatedNotificationParams
{
    /// <summary>The URI of the resource that changed.</summary>
    public required string Uri { get; init; }
}

/// <summary>The params of <c>notifications/elicitation/complete</c>.</summary>
public sealed class ElicitationCompleteNotificationParams
{
    /// <summary>The id of the URL-mode elicitation that completed.</summary>
    public required string ElicitationId { get; init; }
}

/// <summary>Reads and writes <see cref="RequestId"/> as a JSON string or number.</summary>
public sealed class RequestIdJsonConverter : JsonConverter<RequestId>
{
    /// <inheritdoc />
    public override RequestId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RequestId.TryRead(ref reader, out var id) ? id : throw new JsonException("A request id must be a string or a number.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RequestId value, JsonSerializerOptions options) => value.WriteTo(writer);
}
