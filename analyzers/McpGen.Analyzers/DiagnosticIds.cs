namespace McpGen.Analyzers;

/// <summary>The ids of McpGen's diagnostics. They are public API: an id is never reused for another rule.</summary>
public static class DiagnosticIds
{
    /// <summary>An annotated method the generated code cannot call.</summary>
    public const string NotCallable = "MCPGEN0001";
    /// <summary>Two tools, two prompts or two resources with the same name or URI.</summary>
    public const string Duplicate = "MCPGEN0002";
    /// <summary>A tool or prompt name outside the spec's rule.</summary>
    public const string InvalidName = "MCPGEN0003";
    /// <summary>An async void method.</summary>
    public const string AsyncVoid = "MCPGEN0004";
    /// <summary>A parameter type the generator cannot bind.</summary>
    public const string UnbindableParameter = "MCPGEN0005";
    /// <summary>A return type the generator cannot write.</summary>
    public const string UnwritableReturn = "MCPGEN0006";
    /// <summary>A tool or prompt with no description.</summary>
    public const string MissingDescription = "MCPGEN0007";
    /// <summary>A parameter with no description.</summary>
    public const string MissingParameterDescription = "MCPGEN0008";
    /// <summary>A bad URI template, or template variables that do not match the parameters.</summary>
    public const string InvalidUriTemplate = "MCPGEN0009";
    /// <summary>A ref, out, in, pointer or ref-struct parameter.</summary>
    public const string ByRefParameter = "MCPGEN0010";
    /// <summary>An instance method on a type that cannot be constructed.</summary>
    public const string NotConstructible = "MCPGEN0011";
    /// <summary>A validation attribute on a type it cannot apply to.</summary>
    public const string MisappliedConstraint = "MCPGEN0012";
    /// <summary>More than one CancellationToken, request context or progress parameter.</summary>
    public const string RepeatedSpecialParameter = "MCPGEN0013";
    /// <summary>A resource with a fixed URI whose method takes arguments.</summary>
    public const string FixedUriWithArguments = "MCPGEN0014";
    /// <summary>Two parameters with the same argument name.</summary>
    public const string DuplicateArgumentName = "MCPGEN0015";
    /// <summary>A declared OAuth scope that is not a valid scope token.</summary>
    public const string InvalidScope = "MCPGEN0016";

    /// <summary>An [McpHeader] the spec forbids (type, name, duplicate).</summary>
    public const string InvalidHeaderParameter = "MCPGEN0017";
}
