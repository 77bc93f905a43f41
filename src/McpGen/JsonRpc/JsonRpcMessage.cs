using System.Text.Json;

namespace McpGen.JsonRpc;

/// <summary>
/// A parsed JSON-RPC 2.0 envelope. Nothing below the envelope is parsed: <see cref="Params"/>,
/// <see cref="Result"/> and <see cref="ErrorData"/> are slices of the original UTF-8 buffer, read later by
/// the handler that understands them (generated binders read tool arguments straight from these bytes).
/// </summary>
/// <remarks>The slices point into the buffer given to <see cref="JsonRpcMessageParser.Parse"/>; keep it alive while the message is used.</remarks>
public sealed class JsonRpcMessage
{
    internal JsonRpcMessage(JsonRpcMessageKind kind, RequestId id, string? method, ReadOnlyMemory<byte> @params,
        ReadOnlyMemory<byte> result, int errorCode, string? errorMessage, ReadOnlyMemory<byte> errorData)
    {
        Kind = kind;
        Id = id;
        Method = method;
        Params = @params;
        Result = result;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        ErrorData = errorData;
    }

    /// <summary>Which of the four shapes this message has.</summary>
    public JsonRpcMessageKind Kind { get; }

    /// <summary>The id of a request or response; empty for notifications (and for error responses with <c>id: null</c>).</summary>
    public RequestId Id { get; }

    /// <summary>The method of a request or notification.</summary>
    public string? Method { get; }

    /// <summary>The raw <c>params</c> object (UTF-8 JSON), or empty when absent.</summary>
    public ReadOnlyMemory<byte> Params { get; }

    /// <summary>The raw <c>result</c> value of a response (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Result { get; }

    /// <summary>The <c>error.code</c> of an error response.</summary>
    public int ErrorCode { get; }

    /// <summary>The <c>error.message</c> of an error response.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The raw <c>error.data</c> of an error response (UTF-8 JSON), or empty when absent.</summary>
    public ReadOnlyMemory<byte> ErrorData { get; }

    /// <summary>The size of the whole message in bytes (what its buffer holds while it is handled).</summary>
    internal int Length { get; init; }

    /// <summary>Whether this message is a request or a notification (it carries a method).</summary>
    public bool HasMethod => Kind is JsonRpcMessageKind.Request or JsonRpcMessageKind.Notification;

    /// <summary>Parses <see cref="Params"/> into a <see cref="JsonElement"/> (an empty object when absent). Allocates; for tests and tools.</summary>
    public JsonElement ParamsAsElement() => Params.IsEmpty ? EmptyObject() : JsonDocument.Parse(Params).RootElement.Clone();

    private static JsonElement EmptyObject()
    {
        using var doc = JsonDocument.Parse("{}"u8.ToArray());
        return doc.RootElement.Clone();
    }
}
