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
