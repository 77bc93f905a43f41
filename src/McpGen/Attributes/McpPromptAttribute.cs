namespace McpGen;

/// <summary>
/// Marks a method as an MCP prompt. Its parameters become the prompt's arguments (strings on the wire,
/// converted to the parameter types); it returns a string, a message, messages or a <c>GetPromptResult</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpPromptAttribute : Attribute
{
    /// <summary>Marks a prompt with the default name (snake_case of the method name).</summary>
    public McpPromptAttribute() { }

    /// <summary>Marks a prompt named <paramref name="name"/>.</summary>
    public McpPromptAttribute(string name) => Name = name;

    /// <summary>The prompt's name.</summary>
    public string? Name { get; }

    /// <summary>A display title.</summary>
    public string? Title { get; set; }

    /// <summary>The description, when not taken from XML docs or <c>[Description]</c>.</summary>
    public string? Description { get; set; }

    /// <summary>Icon URLs.</summary>
    public string[]? Icons { get; set; }

    /// <summary>OAuth scopes a caller needs to see and get the prompt.</summary>
    public string[]? Scopes { get; set; }
}
