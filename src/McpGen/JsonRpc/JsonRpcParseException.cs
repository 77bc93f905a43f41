namespace McpGen.JsonRpc;

/// <summary>Thrown by <see cref="JsonRpcMessageParser"/> when bytes are not a usable JSON-RPC message.</summary>
/// <remarks>Carries the JSON-RPC error to answer with, and the request id when it could be read.</remarks>
public sealed class JsonRpcParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JsonRpcParseException(int errorCode, string message, RequestId id = default, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
        Id = id;
    }

    /// <summary>The JSON-RPC error code to answer with (-32700, -32600 or -32602).</summary>
    public int ErrorCode { get; }

    /// <summary>The id of the offending request when it could be read; empty otherwise (answer with <c>id: null</c>).</summary>
    public RequestId Id { get; }
}
