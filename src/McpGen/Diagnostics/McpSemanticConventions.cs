namespace McpGen.Diagnostics;

/// <summary>Names from the OpenTelemetry semantic conventions for MCP, spelled once.</summary>
internal static class McpSemanticConventions
{
    public const string OperationDurationMetric = "mcp.server.operation.duration";
    public const string SessionDurationMetric = "mcp.server.session.duration";

    public const string MethodName = "mcp.method.name";
    public const string SessionId = "mcp.session.id";
    public const string ProtocolVersion = "mcp.protocol.version";
    public const string ResourceUri = "mcp.resource.uri";
    public const string RequestId = "jsonrpc.request.id";
    public const string ToolName = "gen_ai.tool.name";
    public const string PromptName = "gen_ai.prompt.name";
    public const string OperationName = "gen_ai.operation.name";
    public const string ErrorType = "error.type";
    public const string ResponseStatusCode = "rpc.response.status_code";
    public const string NetworkTransport = "network.transport";

    /// <summary><c>gen_ai.operation.name</c> of <c>tools/call</c>.</summary>
    public const string ExecuteTool = "execute_tool";

    /// <summary><c>error.type</c> of a <c>tools/call</c> whose result has <c>isError: true</c>.</summary>
    public const string ToolError = "tool_error";

    /// <summary>The W3C trace context keys of <c>params._meta</c>.</summary>
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
}
