using System.ComponentModel;
using System.Text;
using System.Text.Json;
using McpGen.Protocol;

namespace McpGen.Binding;

/// <summary>A prompt made by the source generator: its <c>prompts/list</c> entry, a static invoker and its completions.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpGeneratedPrompt : McpPrompt
{
    private readonly byte[] _definition;
    private readonly McpArgumentsInvoker _invoke;

    /// <summary>Creates the prompt.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="definition">Its <c>prompts/list</c> entry, JSON (kept as UTF-8).</param>
    /// <param name="invoke">Binds the arguments, calls the method and writes the result.</param>
    public McpGeneratedPrompt(string name, string definition, McpArgumentsInvoker invoke) : base(name)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        ArgumentNullException.ThrowIfNull(definition);
        _definition = Encoding.UTF8.GetBytes(definition);
        _invoke = invoke;
    }

    /// <summary>The values <c>completion/complete</c> suggests, by argument name (enums, booleans, <c>[AllowedValues]</c>).</summary>
    public IReadOnlyDictionary<string, string[]>? Completions { get; init; }

    /// <inheritdoc />
    public override void WriteDefinition(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_definition, skipInputValidation: true);
    }

    /// <inheritdoc />
    public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result) => _invoke(context, arguments, result);

    /// <inheritdoc />
    public override ValueTask<Completion> CompleteAsync(McpRequestContext context, string argumentName, string value, IReadOnlyDictionary<string, string>? otherArguments) =>
        new(McpGeneratedCompletions.Complete(Completions, argumentName, value));
}
