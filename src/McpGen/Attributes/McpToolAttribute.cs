namespace McpGen;

/// <summary>
/// Marks a method as an MCP tool. The source generator emits its definition (JSON Schema from the parameters,
/// description from XML docs or <c>[Description]</c>) and a reflection-free invoker.
/// </summary>
/// <remarks>The name defaults to the method name in snake_case without an <c>Async</c> suffix (<c>GetForecastAsync</c> becomes <c>get_forecast</c>).</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpToolAttribute : Attribute
{
    /// <summary>Marks a tool with the default name.</summary>
    public McpToolAttribute() { }

    /// <summary>Marks a tool named <paramref name="name"/>.</summary>
    public McpToolAttribute(string name) => Name = name;

    /// <summary>The tool's name (1 to 128 characters of A-Z a-z 0-9 _ - .).</summary>
    public string? Name { get; }

    /// <summary>A display title.</summary>
    public string? Title { get; set; }

    /// <summary>The description, when not taken from the XML <c>&lt;summary&gt;</c> or <c>[Description]</c>.</summary>
    public string? Description { get; set; }

    /// <summary>Hint: the tool does not modify its environment (<c>readOnlyHint</c>; written only when set).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Hint: the tool may perform destructive updates (<c>destructiveHint</c>; written only when set).</summary>
    public bool Destructive { get; set; }

    /// <summary>Hint: repeated calls with the same arguments have no further effect (<c>idempotentHint</c>; written only when set).</summary>
    public bool Idempotent { get; set; }

    /// <summary>Hint: the tool reaches an open world of external entities (<c>openWorldHint</c>; written only when set).</summary>
    public bool OpenWorld { get; set; }

    /// <summary>Icon URLs (http(s) or <c>data:</c> URIs).</summary>
    public string[]? Icons { get; set; }

    /// <summary>OAuth scopes a caller needs to see and call the tool.</summary>
    public string[]? Scopes { get; set; }
}
