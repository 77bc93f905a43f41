namespace McpGen;

/// <summary>
/// Binds a parameter of an <c>[McpTool]</c>, <c>[McpPrompt]</c> or <c>[McpResource]</c> method from the request's
/// services instead of the arguments. Interfaces and abstract classes are services without it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class FromServicesAttribute : Attribute;
