namespace McpGen;

/// <summary>
/// Mirrors a tool parameter into the HTTP header <c>Mcp-Param-{Name}</c> (revision 2026-07-28, <c>x-mcp-header</c> in the
/// input schema): clients send the value in the header too, so gateways and load balancers can route on it, and the
/// server checks that header and body agree (-32020 otherwise).
/// </summary>
/// <remarks>
/// Only for parameters whose JSON type is <c>string</c>, <c>integer</c> or <c>boolean</c> (not <c>number</c>, objects or
/// arrays); the name must be an HTTP field-name token, unique (case-insensitively) within the tool. The analyzer reports
/// MCPGEN0017 otherwise, and the generator leaves the tool out.
/// </remarks>
/// <example><code>[McpTool] public static string Run([McpHeader("Region")] string region, string query) => ...;</code></example>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class McpHeaderAttribute(string name) : Attribute
{
    /// <summary>The header name after <c>Mcp-Param-</c>.</summary>
    public string Name { get; } = name;
}
