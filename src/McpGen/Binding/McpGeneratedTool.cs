using System.ComponentModel;
using System.Text;
using System.Text.Json;

namespace McpGen.Binding;

/// <summary>
/// A tool made by the source generator: its <c>tools/list</c> entry (with the schemas inside it) and a static invoker.
/// One runtime class for every generated tool, rather than a generated class per tool, because a class per tool (a
/// constructor and four overrides) was a measurable share of what the generated code costs the user's build. The
/// definition comes as a string literal, not a <c>u8</c> one, for the same reason: the compiler lowers a <c>u8</c>
/// literal byte by byte, a string literal is one constant; it is encoded once, when the registry is built.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpGeneratedTool : McpTool
{
    private readonly byte[] _definition;
    private readonly int _inputStart, _inputLength, _outputStart, _outputLength;
    private readonly McpArgumentsInvoker _invoke;

    /// <summary>Creates the tool.</summary>
    /// <param name="name">The tool's name.</param>
    /// <param name="definition">The whole <c>tools/list</c> entry, JSON (kept as UTF-8; the offsets below count its UTF-8 bytes).</param>
    /// <param name="inputStart">Where the input schema starts in <paramref name="definition"/>.</param>
    /// <param name="inputLength">The input schema's length in bytes.</param>
    /// <param name="outputStart">Where the output schema starts (0 with a length of 0: none).</param>
    /// <param name="outputLength">The output schema's length in bytes.</param>
    /// <param name="invoke">Binds the arguments, calls the method and writes the result.</param>
    public McpGeneratedTool(string name, string definition, int inputStart, int inputLength, int outputStart, int outputLength,
        McpArgumentsInvoker invoke) : base(name)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        ArgumentNullException.ThrowIfNull(definition);
        _definition = Encoding.UTF8.GetBytes(definition);
        (_inputStart, _inputLength, _outputStart, _outputLength) = (inputStart, inputLength, outputStart, outputLength);
        // Out of range throws here, when the registry loads, not on the first tools/list.
        _ = _definition.AsSpan(inputStart, inputLength);
        _ = _definition.AsSpan(outputStart, outputLength);
        _invoke = invoke;
    }

    /// <inheritdoc />
    public override ReadOnlySpan<byte> InputSchema => _definition.AsSpan(_inputStart, _inputLength);

    /// <inheritdoc />
    public override ReadOnlySpan<byte> OutputSchema => _definition.AsSpan(_outputStart, _outputLength);

    /// <inheritdoc />
    public override void WriteDefinition(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(_definition, skipInputValidation: true);
    }

    /// <inheritdoc />
    public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result) => _invoke(context, arguments, result);
}
