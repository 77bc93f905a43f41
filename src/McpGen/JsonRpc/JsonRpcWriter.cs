using System.Text.Json;

namespace McpGen.JsonRpc;

/// <summary>Writes JSON-RPC 2.0 envelopes with a <see cref="Utf8JsonWriter"/>.</summary>
public static class JsonRpcWriter
{
    private static readonly JsonEncodedText JsonRpcName = JsonEncodedText.Encode("jsonrpc");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("2.0");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText MethodName = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText ParamsName = JsonEncodedText.Encode("params");
    private static readonly JsonEncodedText ResultName = JsonEncodedText.Encode("result");
    private static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText DataName = JsonEncodedText.Encode("data");

    /// <summary>Writes <c>{"jsonrpc":"2.0","id":…,"result":</c>; write the result value, then call <see cref="Utf8JsonWriter.WriteEndObject"/>.</summary>
    public static void WriteResponseStart(Utf8JsonWriter writer, RequestId id)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonRpcName, Version);
        writer.WritePropertyName(IdName);
        id.WriteTo(writer);
        writer.WritePropertyName(ResultName);
    }

    /// <summary>Writes a complete response whose result is the empty object <c>{}</c>.</summary>
    public static void WriteEmptyResult(Utf8JsonWriter writer, RequestId id)
    {
        WriteResponseStart(writer, id);
        writer.WriteStartObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes a complete error response. An empty <paramref name="id"/> is written as <c>null</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, RequestId id, int code, string message, ReadOnlySpan<byte> utf8Data = default)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonRpcName, Version);
        writer.WritePropertyName(IdName);
        id.WriteTo(writer);
        writer.WritePropertyName(ErrorName);
        writer.WriteStartObject();
        writer.WriteNumber(CodeName, code);
        writer.WriteString(MessageName, message);
        if (!utf8Data.IsEmpty)
        {
            writer.WritePropertyName(DataName);
            writer.WriteRawValue(utf8Data);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"jsonrpc":"2.0","method":…,"params":</c>; write the params object, then call <see cref="Utf8JsonWriter.WriteEndObject"/>.</summary>
    public static void WriteNotificationStart(Utf8JsonWriter writer, string method)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonRpcName, Version);
        writer.WriteString(MethodName, method);
        writer.WritePropertyName(ParamsName);
    }

    /// <summary>Writes <c>{"jsonrpc":"2.0","id":…,"method":…,"params":</c>; write the params object, then call <see cref="Utf8JsonWriter.WriteEndObject"/>.</summary>
    public static void WriteRequestStart(Utf8JsonWriter writer, RequestId id, string method)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonRpcName, Version);
        writer.WritePropertyName(IdName);
        id.WriteTo(writer);
        writer.WriteString(MethodName, method);
        writer.WritePropertyName(ParamsName);
    }
}
