namespace McpGen.Generators.Model;

/// <summary>How a method parameter gets its value.</summary>
internal enum ParameterKind
{
    Argument,           // read from the request's arguments (tool: JSON; prompt/template: string converted)
    CancellationToken,
    Context,            // McpRequestContext
    Progress,           // IProgress<McpProgress> or IProgress<double>
    Service,            // resolved from the request's services
    Server,             // McpServer
}

/// <summary>A parameter of an annotated method.</summary>
internal sealed record ParameterSpec(
    string ClrName,
    string JsonName,
    ParameterKind Kind,
    string TypeName,
    string? TypeId,
    bool IsNullable,
    bool IsOptional,
    DefaultSpec? Default,
    string? Description,
    ConstraintSpec Constraints,
    string? ProgressKind,       // "McpProgress" | "double"
    string? HeaderName = null); // [McpHeader]: mirrored into Mcp-Param-{HeaderName} (x-mcp-header)
