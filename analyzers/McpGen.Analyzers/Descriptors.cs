using Microsoft.CodeAnalysis;

namespace McpGen.Analyzers;

/// <summary>McpGen's diagnostics. Each help link goes to the rule's section in analyzers/README.md.</summary>
public static class Descriptors
{
    private const string Category = "McpGen";
    private const string Docs = "https://github.com/mcpgen/mcpgen/blob/main/analyzers/README.md#";

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity, params string[] tags) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: null, helpLinkUri: Docs + id.ToLowerInvariant(), customTags: tags);

    /// <summary>MCPGEN0001.</summary>
    public static readonly DiagnosticDescriptor NotCallable = Rule(DiagnosticIds.NotCallable,
        "The generated code cannot call this method", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0002.</summary>
    public static readonly DiagnosticDescriptor Duplicate = Rule(DiagnosticIds.Duplicate,
        "Duplicate MCP name or URI", "The {0} {1} '{2}' of '{3}' is already declared by '{4}': rename one of them", DiagnosticSeverity.Error, WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>MCPGEN0003.</summary>
    public static readonly DiagnosticDescriptor InvalidName = Rule(DiagnosticIds.InvalidName,
        "Invalid MCP tool or prompt name", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0004.</summary>
    public static readonly DiagnosticDescriptor AsyncVoid = Rule(DiagnosticIds.AsyncVoid,
        "MCP methods cannot be async void", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0005.</summary>
    public static readonly DiagnosticDescriptor UnbindableParameter = Rule(DiagnosticIds.UnbindableParameter,
        "Parameter type cannot be bound from JSON", "'{0}' cannot be an MCP {1}: {2}. If the type must stay, list it in a JsonSerializerContext named by [assembly: McpGenOptions(JsonSerializerContext = typeof(...))].", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0006.</summary>
    public static readonly DiagnosticDescriptor UnwritableReturn = Rule(DiagnosticIds.UnwritableReturn,
        "Return type cannot be written as an MCP result", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0007.</summary>
    public static readonly DiagnosticDescriptor MissingDescription = Rule(DiagnosticIds.MissingDescription,
        "MCP tool or prompt without a description", "The MCP {1} '{0}' has no description: clients and models choose {1}s by it. Add an XML <summary>, [Description] or Description = \"...\".", DiagnosticSeverity.Warning);

    /// <summary>MCPGEN0008.</summary>
    public static readonly DiagnosticDescriptor MissingParameterDescription = Rule(DiagnosticIds.MissingParameterDescription,
        "MCP argument without a description", "Argument '{0}' of the MCP {1} '{2}' has no description: add <param name=\"{0}\"> or [Description]", DiagnosticSeverity.Info);

    /// <summary>MCPGEN0009.</summary>
    public static readonly DiagnosticDescriptor InvalidUriTemplate = Rule(DiagnosticIds.InvalidUriTemplate,
        "Invalid resource URI template", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0010.</summary>
    public static readonly DiagnosticDescriptor ByRefParameter = Rule(DiagnosticIds.ByRefParameter,
        "MCP arguments are passed by value", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0011.</summary>
    public static readonly DiagnosticDescriptor NotConstructible = Rule(DiagnosticIds.NotConstructible,
        "The declaring type cannot be constructed", "'{0}' cannot be an MCP {1}: {2}. Make the method static, or give the type a public or internal constructor.", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0012.</summary>
    public static readonly DiagnosticDescriptor MisappliedConstraint = Rule(DiagnosticIds.MisappliedConstraint,
        "Validation attribute does not apply to this type", "[{0}] on '{1}' of type '{2}' has no effect: it applies to {3}", DiagnosticSeverity.Warning);

    /// <summary>MCPGEN0013.</summary>
    public static readonly DiagnosticDescriptor RepeatedSpecialParameter = Rule(DiagnosticIds.RepeatedSpecialParameter,
        "Repeated special parameter", "'{0}' takes more than one {1} parameter: they all get the same value, so keep one", DiagnosticSeverity.Warning);

    /// <summary>MCPGEN0014.</summary>
    public static readonly DiagnosticDescriptor FixedUriWithArguments = Rule(DiagnosticIds.FixedUriWithArguments,
        "Resource with a fixed URI takes arguments", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0015.</summary>
    public static readonly DiagnosticDescriptor DuplicateArgumentName = Rule(DiagnosticIds.DuplicateArgumentName,
        "Two parameters with the same argument name", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0016.</summary>
    public static readonly DiagnosticDescriptor InvalidScope = Rule(DiagnosticIds.InvalidScope,
        "Invalid OAuth scope", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);

    /// <summary>MCPGEN0017.</summary>
    public static readonly DiagnosticDescriptor InvalidHeaderParameter = Rule(DiagnosticIds.InvalidHeaderParameter,
        "Parameter cannot be mirrored into an HTTP header", "'{0}' cannot be an MCP {1}: {2}", DiagnosticSeverity.Error);
}
