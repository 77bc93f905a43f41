using System.ComponentModel;
using System.Text.Json;

namespace McpGen.Binding;

/// <summary>A generated tool's or prompt's invoker: binds <paramref name="arguments"/>, calls the method, writes the result.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ValueTask McpArgumentsInvoker(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result);

/// <summary>A generated resource's reader.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ValueTask McpResourceInvoker(McpRequestContext context, string uri, Utf8JsonWriter result);

/// <summary>A generated resource template's reader: <paramref name="variables"/> are matched from <paramref name="uri"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ValueTask McpTemplateInvoker(McpRequestContext context, string uri, IReadOnlyDictionary<string, string> variables, Utf8JsonWriter result);
