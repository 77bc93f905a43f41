namespace McpGen.JsonRpc;

/// <summary>The JSON-RPC 2.0 and MCP error codes McpGen uses.</summary>
public static class JsonRpcErrorCodes
{
    /// <summary>Invalid JSON was received.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON sent is not a valid JSON-RPC request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>The method does not exist or is not available.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>Invalid method parameters (also: unknown tool, prompt or resource).</summary>
    public const int InvalidParams = -32602;

    /// <summary>Internal error while handling a protocol method.</summary>
    public const int InternalError = -32603;

    /// <summary>Generic server error (implementation-defined range -32000..-32099): used for limits such as too many in-flight requests.</summary>
    public const int ServerError = -32000;

    /// <summary>A resource was not found (MCP up to 2025-11-25: <c>resources/read</c> of an unknown URI; 2026-07-28 uses <see cref="InvalidParams"/>).</summary>
    public const int ResourceNotFound = -32002;

    /// <summary>A URL-mode elicitation is required before the request can proceed (MCP 2025-11-25).</summary>
    public const int UrlElicitationRequired = -32042;

    /// <summary>The HTTP headers of a request do not match its body, or a required header is missing (MCP 2026-07-28; HTTP 400).</summary>
    public const int HeaderMismatch = -32020;

    /// <summary>Handling the request needs a client capability the request did not declare (MCP 2026-07-28; HTTP 400).</summary>
    public const int MissingRequiredClientCapability = -32021;

    /// <summary>The request's protocol version is not served (MCP 2026-07-28; HTTP 400), with the supported versions in <c>data</c>.</summary>
    public const int UnsupportedProtocolVersion = -32022;

    /// <summary>The request was cancelled (used when a server-to-client request is abandoned).</summary>
    public const int RequestCancelled = -32800;
}
