using System.ComponentModel;
using System.Text;
using System.Text.Json;
using McpGen.Protocol;

namespace McpGen.Binding;

/// <summary>A resource template made by the source generator: its <c>resources/templates/list</c> entry, a static reader and its completions.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpGeneratedResourceTemplate : McpResourceTemplate
{
    private readonly byte[] _definition;
    private readonly McpTemplateInvoker _read;

    /// <summary>Creates the template.</summary>
    /// <param name="uriTemplate">The RFC 6570 template.</param>
    /// <param name="name">Its programmatic name.</param>
    /// <param name="definition">Its <c>resources/templates/list</c> entry, JSON (kept as UTF-8).</param>
    /// <param name="read">Converts the variables, calls the method and writes the result.</param>
    public McpGeneratedResourceTemplate(string uriTemplate, string name, string definition, McpTemplateInvoker read) : base(uriTemplate, name)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(definition);
        _definition = Encoding.UTF8.GetBytes(definition);
        _read = read;
    }

    /// <summary>The values <c>completion/complete</c> suggests, by variable name (enums, booleans, <c>[AllowedValues]</c>).</summary>
    public IReadOnlyDictionary<string, string[]>? Completions { get; init; }

    /// <inheritdoc />
    public override void WriteDefinition(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_definition, skipInputValidation: true);
    }

    /// <inheritdoc />
    public override ValueTask ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string> variables, Utf8JsonWriter result) =>
        _read(context, uri, variables, result);

    /// <inheritdoc />
    public override ValueTask<Completion> CompleteAsync(McpRequestContext context, string argumentName, string value, IReadOnlyDictionary<string, string>? otherArguments) =>
        new(McpGeneratedCompletions.Complete(Completions, argumentName, value));
}
