using McpGen.JsonRpc;

namespace McpGen;

/// <summary>
/// Thrown by a handler to answer the request with a JSON-RPC error of the given <see cref="ErrorCode"/>
/// (a tool that throws anything else produces a result with <c>isError: true</c> instead).
/// </summary>
public class McpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McpException(int errorCode, string message, Exception? innerException = null) : base(message, innerException) => ErrorCode = errorCode;

    /// <summary>The JSON-RPC error code.</summary>
    public int ErrorCode { get; }

    /// <summary>The error's <c>data</c> member (one UTF-8 JSON value), or empty for none.</summary>
    public ReadOnlyMemory<byte> ErrorData { get; init; }

    /// <summary>The error for <c>resources/read</c> of a URI nothing serves, as <paramref name="revision"/> spells it.</summary>
    public static McpException ResourceNotFound(Protocol.McpProtocolRevision revision, string uri)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return new McpException(revision.ResourceNotFoundCode, $"Resource not found: '{uri}'.")
        {
            ErrorData = revision.ResourceNotFoundCarriesUri ? UriData(uri) : default,
        };
    }

    private static byte[] UriData(string uri)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(uri.Length + 16);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("uri"u8, uri);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Arguments or params that do not bind: answered with -32602 and a message naming the offending path.</summary>
public sealed class McpInvalidParamsException : McpException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the argument.</param>
    /// <param name="path">The path of the offending value, e.g. <c>request.lines[1].quantity</c>.</param>
    public McpInvalidParamsException(string message, string? path = null) : base(JsonRpcErrorCodes.InvalidParams, message)
    {
        Path = path;
        Problem = message;
    }

    internal McpInvalidParamsException(string problem, string path, bool isProblem)
        : base(JsonRpcErrorCodes.InvalidParams, $"Invalid argument '{path}': {problem}")
    {
        _ = isProblem;
        Path = path;
        Problem = problem;
    }

    /// <summary>Creates the exception for the value at <paramref name="path"/>; the message reads <c>Invalid argument 'path': problem</c>.</summary>
    public static McpInvalidParamsException At(string path, string problem) => new(problem, path, isProblem: true);

    /// <summary>The path of the offending value, when known.</summary>
    public string? Path { get; }

    /// <summary>What is wrong with the value, without the path.</summary>
    public string Problem { get; }
}

/// <summary>
/// A server-to-client request (sampling, elicitation, roots) failed: the client lacks the capability, there is no
/// session to carry it, or the client answered with an error or a malformed result. Inside a tool it becomes a
/// result with <c>isError: true</c>, like any tool failure.
/// </summary>
public sealed class McpClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public McpClientException(string message, int errorCode = 0, Exception? innerException = null) : base(message, innerException) => ErrorCode = errorCode;

    /// <summary>The JSON-RPC error code the client answered with (0 when the request never reached the client).</summary>
    public int ErrorCode { get; }
}
