using System.Text.Json;

namespace McpGen.JsonRpc;

/// <summary>Reads JSON-RPC 2.0 envelopes from UTF-8 bytes with <see cref="Utf8JsonReader"/>, without building a DOM.</summary>
public static class JsonRpcMessageParser
{
    /// <summary>The nesting depth allowed by default (JSON objects and arrays, the envelope included).</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>
    /// Parses one message. The whole buffer must be exactly one JSON value (surrounding whitespace allowed).
    /// </summary>
    /// <param name="utf8Json">The message; the returned slices point into it.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <exception cref="JsonRpcParseException">The bytes are not JSON (-32700), not a JSON-RPC message (-32600), or carry params that are not an object (-32602).</exception>
    public static JsonRpcMessage Parse(ReadOnlyMemory<byte> utf8Json, int maxDepth = DefaultMaxDepth)
    {
        try
        {
            return ParseWhole(utf8Json, maxDepth);
        }
        catch (LoneSurrogateException ex)
        {
            // Syntactically valid JSON (RFC 8259 allows any \u escape) whose string no handler could read: unlike text
            // that is not JSON, its envelope is readable, so the refusal carries the request's id wherever it stands
            // (the official TypeScript client writes it last), and the request does not hang. JSON-RPC's null id is
            // for messages whose id could not be detected (broken JSON, invalid UTF-8), which keep it.
            throw new JsonRpcParseException(JsonRpcErrorCodes.ParseError, "Parse error: a string escape does not decode to valid UTF-16 (a lone surrogate).",
                PeekRequestId(new System.Buffers.ReadOnlySequence<byte>(utf8Json)), ex.InnerException);
        }
    }

    private static JsonRpcMessage ParseWhole(ReadOnlyMemory<byte> utf8Json, int maxDepth)
    {
        // Utf8JsonReader checks structure, not the bytes inside strings: without this, invalid UTF-8 would surface
        // later, from a handler's GetString, as an internal error instead of the parse error it is.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
            throw new JsonRpcParseException(JsonRpcErrorCodes.ParseError, "Parse error: the message is not valid UTF-8.");
        var reader = new Utf8JsonReader(utf8Json.Span, new JsonReaderOptions { MaxDepth = maxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return ParseCore(ref reader, utf8Json, maxDepth);
        }
        catch (JsonException ex)
        {
            if (reader.CurrentDepth >= maxDepth)
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, $"The message is nested deeper than the limit of {maxDepth} levels.", default, ex);
            throw new JsonRpcParseException(JsonRpcErrorCodes.ParseError, "Parse error: the message is not valid JSON (" + FirstSentence(ex.Message) + ").", default, ex);
        }
        catch (InvalidOperationException ex)
        {
            // Thrown by the reader's typed getters on malformed escapes and the like.
            throw new JsonRpcParseException(JsonRpcErrorCodes.ParseError, "Parse error: the message is not valid JSON.", default, ex);
        }
    }

    /// <summary>
    /// Reads the <c>id</c> of a message from its first bytes only (a message too large to read whole): the
    /// top-level members before the first one that does not fit are scanned. Empty when the id is not among them.
    /// </summary>
    /// <param name="head">The message's first bytes (any length; the rest is never needed).</param>
    public static RequestId PeekId(System.Buffers.ReadOnlySequence<byte> head) => Peek(head, requireMethod: false);

    /// <summary>
    /// Like <see cref="PeekId"/>, but only for a request: the readable members must include <c>method</c> too. A broken
    /// response's id names one of the server's own requests, and answering it would tell the client that one of its
    /// requests failed.
    /// </summary>
    internal static RequestId PeekRequestId(System.Buffers.ReadOnlySequence<byte> head) => Peek(head, requireMethod: true);

    private static RequestId Peek(System.Buffers.ReadOnlySequence<byte> head, bool requireMethod)
    {
        RequestId found = default;
        bool sawMethod = false;
        try
        {
            var reader = new Utf8JsonReader(head, isFinalBlock: false, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isId = reader.ValueTextEquals("id"u8);
                sawMethod |= reader.ValueTextEquals("method"u8);
                if (!reader.Read()) break;
                if (isId)
                {
                    if (!RequestId.TryRead(ref reader, out found)) return default;
                    if (!requireMethod || sawMethod) return found;
                }
                else if (sawMethod && !found.IsEmpty) return found;
                if (!reader.TrySkip()) break; // the member runs past the head
            }
        }
        catch (JsonException) { /* not JSON from here on: what was read stands */ }
        return requireMethod && !sawMethod ? default : found;
    }

    private static JsonRpcMessage ParseCore(ref Utf8JsonReader reader, ReadOnlyMemory<byte> buffer, int maxDepth)
    {
        if (!reader.Read())
            throw new JsonRpcParseException(JsonRpcErrorCodes.ParseError, "Parse error: the message is empty.");

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            reader.Skip();
            EnsureEnd(ref reader);
            throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: JSON-RPC batches are not supported (batching was removed in MCP 2025-06-18); send one message at a time.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            EnsureEnd(ref reader);
            throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: a JSON-RPC message must be a JSON object.");
        }

        bool sawVersion = false, versionOk = false, sawId = false, idIsNull = false, idInvalid = false, sawMethod = false, sawError = false, sawResult = false, sawParams = false;
        RequestId id = default;
        string? method = null;
        ReadOnlyMemory<byte> @params = default, result = default, errorData = default;
        JsonTokenType paramsToken = JsonTokenType.None;
        int errorCode = 0;
        string? errorMessage = null;
        bool errorShapeOk = true;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? duplicate = null;
            if (reader.ValueTextEquals("jsonrpc"u8))
            {
                if (sawVersion) duplicate = "jsonrpc";
                sawVersion = true;
                reader.Read();
                versionOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                if (sawId) duplicate = "id";
                sawId = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null) idIsNull = true;
                else if (!RequestId.TryRead(ref reader, out id)) { idInvalid = true; reader.Skip(); }
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                if (sawMethod) duplicate = "method";
                sawMethod = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                    method = (!reader.ValueIsEscaped && !reader.HasValueSequence ? KnownMethods.Find(reader.ValueSpan) : null) ?? reader.GetString();
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("params"u8))
            {
                if (sawParams) duplicate = "params";
                sawParams = true;
                @params = ReadRawValue(ref reader, buffer, out paramsToken);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                if (sawResult) duplicate = "result";
                sawResult = true;
                result = ReadRawValue(ref reader, buffer, out _);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                if (sawError) duplicate = "error";
                sawError = true;
                reader.Read();
                errorShapeOk = ReadError(ref reader, buffer, out errorCode, out errorMessage, out errorData);
            }
            else
            {
                reader.Read();
                reader.Skip(); // unknown members are ignored
            }

            if (duplicate is not null)
            {
                EnsureEndOfObjectAndDocument(ref reader);
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, $"Invalid Request: the member \"{duplicate}\" appears more than once.", id);
            }
        }

        EnsureEnd(ref reader);

        if (idInvalid)
            throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: \"id\" must be a string or a number.");
        if (!sawVersion || !versionOk)
            throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: \"jsonrpc\" must be \"2.0\".", id);

        if (sawMethod)
        {
            if (method is null)
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: \"method\" must be a string.", id);
            if (sawResult || sawError)
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: a message cannot carry both \"method\" and \"result\" or \"error\".", id);
            if (idIsNull)
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: a request id must not be null.");
            if (sawParams && paramsToken != JsonTokenType.StartObject)
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidParams, "Invalid params: \"params\" must be a JSON object.", id);
            return new JsonRpcMessage(sawId ? JsonRpcMessageKind.Request : JsonRpcMessageKind.Notification, id, method, @params, default, 0, null, default) { Length = buffer.Length };
        }

        if (sawResult && sawError)
            throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: a response cannot carry both \"result\" and \"error\".", id);
        if (sawResult)
        {
            if (!sawId || idIsNull)
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: a response must carry the id of its request.");
            return new JsonRpcMessage(JsonRpcMessageKind.Response, id, null, default, result, 0, null, default) { Length = buffer.Length };
        }
        if (sawError)
        {
            if (!errorShapeOk)
                throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: \"error\" must be an object with a numeric \"code\" and a string \"message\".", id);
            return new JsonRpcMessage(JsonRpcMessageKind.Error, id, null, default, default, errorCode, errorMessage, errorData) { Length = buffer.Length };
        }

        throw new JsonRpcParseException(JsonRpcErrorCodes.InvalidRequest, "Invalid Request: a message needs \"method\" (request or notification) or \"result\"/\"error\" (response).", id);
    }

    private static ReadOnlyMemory<byte> ReadRawValue(ref Utf8JsonReader reader, ReadOnlyMemory<byte> buffer, out JsonTokenType firstToken)
    {
        reader.Read();
        firstToken = reader.TokenType;
        int start = (int)reader.TokenStartIndex;
        SkipCheckingEscapes(ref reader);
        int end = (int)reader.BytesConsumed;
        return buffer.Slice(start, end - start);
    }

    /// <summary>
    /// Skips the current value like <see cref="Utf8JsonReader.Skip"/>, and unescapes every escaped string on the way:
    /// an escape the reader accepts may still decode to a lone surrogate, which no handler could read.
    /// </summary>
    private static void SkipCheckingEscapes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            if (reader.ValueIsEscaped && reader.TokenType == JsonTokenType.String) CheckEscapedString(ref reader);
            return;
        }
        int depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                CheckEscapedString(ref reader);
        }
    }

    private static void CheckEscapedString(ref Utf8JsonReader reader)
    {
        int length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        char[]? rented = null;
        Span<char> chars = length <= 256 ? stackalloc char[256] : (rented = McpBufferPool.RentChars(length));
        try
        {
            reader.CopyString(chars);
        }
        catch (InvalidOperationException ex)
        {
            throw new LoneSurrogateException(ex);
        }
        finally
        {
            if (rented is not null) McpBufferPool.ReturnChars(rented);
        }
    }

    private static bool ReadError(ref Utf8JsonReader reader, ReadOnlyMemory<byte> buffer, out int code, out string? message, out ReadOnlyMemory<byte> data)
    {
        code = 0;
        message = null;
        data = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        bool sawCode = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                sawCode = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out code);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) message = reader.GetString();
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                data = ReadRawValue(ref reader, buffer, out _);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return sawCode && message is not null;
    }

    private static void EnsureEndOfObjectAndDocument(ref Utf8JsonReader reader)
    {
        // Read the rest of the object so that malformed JSON is still reported as a parse error.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
            reader.Skip();
        }
        EnsureEnd(ref reader);
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
            throw new JsonRpcParseException(JsonRpcErrorCodes.ParseError, "Parse error: unexpected data after the JSON value.");
    }

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return (dot > 0 ? message[..dot] : message).TrimEnd('.');
    }

    /// <summary>An escaped string decodes to a lone surrogate; <see cref="Parse"/> answers it with the request's id.</summary>
    private sealed class LoneSurrogateException(Exception inner) : Exception(null, inner);
}
