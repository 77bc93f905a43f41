using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace McpGen.Binding;

/// <summary>A resource made by the source generator: its <c>resources/list</c> entry and a static reader.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpGeneratedResource : McpResource
{
    private readonly byte[] _definition;
    private readonly McpResourceInvoker _read;

    /// <summary>Creates the resource.</summary>
    /// <param name="uri">Its URI.</param>
    /// <param name="name">Its programmatic name.</param>
    /// <param name="definition">Its <c>resources/list</c> entry, JSON (kept as UTF-8).</param>
    /// <param name="read">Calls the method and writes the result.</param>
    public McpGeneratedResource(string uri, string name, string definition, McpResourceInvoker read) : base(uri, name)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(definition);
        _definition = Encoding.UTF8.GetBytes(definition);
        _read = read;
    }

    /// <inheritdoc />
    public override void WriteDefinition(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_definition, skipInputValidation: true);
    }

    /// <inheritdoc />
    public override ValueTask ReadAsync(McpRequestContext context, string uri, Utf8JsonWriter result) => _read(context, uri, result);
}
