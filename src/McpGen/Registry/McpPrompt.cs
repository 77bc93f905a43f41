using System.Text.Json;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// A prompt the server offers: its definition and its renderer. Generated for <c>[McpPrompt]</c> methods;
/// hand-written prompts use <see cref="Create"/>.
/// </summary>
public abstract class McpPrompt
{
    /// <summary>Creates a prompt named <paramref name="name"/>.</summary>
    protected McpPrompt(string name)
    {
        McpNames.ValidateToolOrPromptName(name, nameof(name));
        Name = name;
    }

    /// <summary>The prompt's unique name.</summary>
    public string Name { get; }

    /// <summary>A display title.</summary>
    public string? Title { get; init; }

    /// <summary>What the prompt is for.</summary>
    public string? Description { get; init; }

    /// <summary>Icons.</summary>
    public IReadOnlyList<Icon>? Icons { get; init; }

    /// <summary>The arguments the prompt accepts.</summary>
    public IReadOnlyList<PromptArgument> Arguments { get; init; } = [];

    /// <summary>The OAuth scopes a caller needs to see and get this prompt (empty: none).</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>Writes this prompt's entry of <c>prompts/list</c>.</summary>
    public virtual void WriteDefinition(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, Name);
        if (Title is not null) writer.WriteString("title"u8, Title);
        if (Description is not null) writer.WriteString("description"u8, Description);
        if (Arguments.Count > 0)
        {
            writer.WritePropertyName("arguments"u8);
            writer.WriteStartArray();
            foreach (var argument in Arguments) JsonSerializer.Serialize(writer, argument, McpJsonContext.Default.PromptArgument);
            writer.WriteEndArray();
        }
        if (Icons is not null)
        {
            writer.WritePropertyName("icons"u8);
            JsonSerializer.Serialize(writer, Icons, McpJsonContext.Default.IReadOnlyListIcon);
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// Renders the prompt: reads <paramref name="arguments"/> (a UTF-8 JSON object of strings, <c>{}</c> when absent)
    /// and writes one <c>GetPromptResult</c> object to <paramref name="result"/>.
    /// </summary>
    /// <remarks>Throw <see cref="McpInvalidParamsException"/> for missing or invalid arguments.</remarks>
    public abstract ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result);

    /// <summary>Suggests values for an argument (<c>completion/complete</c>). The default suggests nothing.</summary>
    public virtual ValueTask<Completion> CompleteAsync(McpRequestContext context, string argumentName, string value,
        IReadOnlyDictionary<string, string>? otherArguments) => new(Completion.Empty);

    /// <summary>Creates a hand-written prompt.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="handler">Receives the context and the arguments (name to value); returns the result.</param>
    /// <param name="description">What the prompt is for.</param>
    /// <param name="arguments">The arguments it accepts; required ones are checked before the handler runs.</param>
    /// <param name="title">A display title.</param>
    /// <param name="requiredScopes">OAuth scopes a caller needs to see and get it (enforced for authenticated requests).</param>
    public static McpPrompt Create(string name,
        Func<McpRequestContext, IReadOnlyDictionary<string, string>, ValueTask<GetPromptResult>> handler,
        string? description = null, IReadOnlyList<PromptArgument>? arguments = null, string? title = null, IReadOnlyList<string>? requiredScopes = null)
        => new DelegatePrompt(name, handler) { Description = description, Arguments = arguments ?? [], Title = title, RequiredScopes = requiredScopes ?? [] };

    private sealed class DelegatePrompt(string name,
        Func<McpRequestContext, IReadOnlyDictionary<string, string>, ValueTask<GetPromptResult>> handler) : McpPrompt(name)
    {
        public override async ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result)
        {
            var values = McpJson.ReadStringMap(arguments.Span, "arguments");
            foreach (var argument in Arguments)
            {
                if (argument.Required == true && !values.ContainsKey(argument.Name))
                    throw new McpInvalidParamsException($"Missing required argument '{argument.Name}'.", "arguments." + argument.Name);
            }
            var value = await handler(context, values).ConfigureAwait(false);
            JsonSerializer.Serialize(result, value, McpJsonContext.Default.GetPromptResult);
        }
    }
}
