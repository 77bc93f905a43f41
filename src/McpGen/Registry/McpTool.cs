using System.Text.Json;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// A tool the server offers: its definition (name, description, schemas, hints) and its invoker.
/// The source generator makes one <c>McpGen.Binding.McpGeneratedTool</c> per <c>[McpTool]</c> method, with the
/// <c>tools/list</c> entry (schemas inside) as a precomputed UTF-8 constant and a static invoker; hand-written tools
/// use <see cref="Create"/> or derive from this class.
/// </summary>
public abstract class McpTool
{
    /// <summary>Creates a tool named <paramref name="name"/> (1 to 128 characters of <c>A-Z a-z 0-9 _ - .</c>).</summary>
    protected McpTool(string name)
    {
        McpNames.ValidateToolOrPromptName(name, nameof(name));
        Name = name;
    }

    /// <summary>The tool's unique name.</summary>
    public string Name { get; }

    /// <summary>A display title.</summary>
    public string? Title { get; init; }

    /// <summary>What the tool does; clients and models rely on it.</summary>
    public string? Description { get; init; }

    /// <summary>Behaviour hints (<c>annotations</c>), written only when set.</summary>
    public ToolAnnotations? Annotations { get; init; }

    /// <summary>Icons.</summary>
    public IReadOnlyList<Icon>? Icons { get; init; }

    /// <summary>The OAuth scopes a caller needs to see and call this tool (empty: none).</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>The JSON Schema of the arguments: a UTF-8 JSON object with <c>"type":"object"</c>.</summary>
    public abstract ReadOnlySpan<byte> InputSchema { get; }

    /// <summary>The parameters mirrored into <c>Mcp-Param-*</c> HTTP headers (<c>x-mcp-header</c> in <see cref="InputSchema"/>), read once.</summary>
    public IReadOnlyList<McpHeaderParameter> HeaderParameters => _headerParameters ??= McpHeaderParameter.FromInputSchema(InputSchema);

    private IReadOnlyList<McpHeaderParameter>? _headerParameters;

    /// <summary>The JSON Schema of <c>structuredContent</c>, or empty when the tool has no structured output.</summary>
    public virtual ReadOnlySpan<byte> OutputSchema => default;

    /// <summary>
    /// Writes this tool's entry of <c>tools/list</c>. Generated tools override it with one precomputed literal.
    /// </summary>
    public virtual void WriteDefinition(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, Name);
        if (Title is not null) writer.WriteString("title"u8, Title);
        if (Description is not null) writer.WriteString("description"u8, Description);
        writer.WritePropertyName("inputSchema"u8);
        writer.WriteRawValue(InputSchema, skipInputValidation: true);
        if (!OutputSchema.IsEmpty)
        {
            writer.WritePropertyName("outputSchema"u8);
            writer.WriteRawValue(OutputSchema, skipInputValidation: true);
        }
        if (Annotations is not null)
        {
            writer.WritePropertyName("annotations"u8);
            JsonSerializer.Serialize(writer, Annotations, McpJsonContext.Default.ToolAnnotations);
        }
        if (Icons is not null)
        {
            writer.WritePropertyName("icons"u8);
            JsonSerializer.Serialize(writer, Icons, McpJsonContext.Default.IReadOnlyListIcon);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Calls the tool: reads <paramref name="arguments"/> (a UTF-8 JSON object, <c>{}</c> when the client sent none)
    /// and writes one <c>CallToolResult</c> object to <paramref name="result"/>.
    /// </summary>
    /// <remarks>
    /// Throw <see cref="McpInvalidParamsException"/> for arguments that do not bind (answered with -32602); any other
    /// exception becomes a result with <c>isError: true</c>. Whatever was written before an exception is discarded.
    /// </remarks>
    public abstract ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result);

    /// <summary>Creates a hand-written tool from a JSON Schema and a handler that works on <see cref="JsonElement"/>s.</summary>
    /// <param name="name">The tool's name.</param>
    /// <param name="inputSchema">The arguments' JSON Schema (an object schema).</param>
    /// <param name="handler">Receives the context and the arguments object; returns the result.</param>
    /// <param name="description">What the tool does.</param>
    /// <param name="title">A display title.</param>
    /// <param name="annotations">Behaviour hints.</param>
    /// <param name="outputSchema">The JSON Schema of the structured result, if any.</param>
    /// <param name="requiredScopes">OAuth scopes a caller needs to see and call it (enforced for authenticated requests).</param>
    public static McpTool Create(string name, string inputSchema,
        Func<McpRequestContext, JsonElement, ValueTask<CallToolResult>> handler,
        string? description = null, string? title = null, ToolAnnotations? annotations = null, string? outputSchema = null,
        IReadOnlyList<string>? requiredScopes = null)
        => new DelegateTool(name, McpJson.ValidateObjectSchema(inputSchema, nameof(inputSchema)),
            outputSchema is null ? null : McpJson.ValidateObjectSchema(outputSchema, nameof(outputSchema)), handler)
        {
            Description = description,
            Title = title,
            Annotations = annotations,
            RequiredScopes = requiredScopes ?? [],
        };

    private sealed class DelegateTool(string name, byte[] inputSchema, byte[]? outputSchema,
        Func<McpRequestContext, JsonElement, ValueTask<CallToolResult>> handler) : McpTool(name)
    {
        public override ReadOnlySpan<byte> InputSchema => inputSchema;

        public override ReadOnlySpan<byte> OutputSchema => outputSchema;

        public override async ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result)
        {
            using var doc = JsonDocument.Parse(arguments);
            var value = await handler(context, doc.RootElement).ConfigureAwait(false);
            JsonSerializer.Serialize(result, value, McpJsonContext.Default.CallToolResult);
        }
    }
}
