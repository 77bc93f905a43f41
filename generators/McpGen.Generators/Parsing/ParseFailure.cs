namespace McpGen.Generators.Parsing;

/// <summary>Why the generator cannot generate a method. The analyzers map each kind to a diagnostic id.</summary>
internal enum FailureKind
{
    /// <summary>Private or protected, generic, or in a generic or private type (MCPGEN0001).</summary>
    NotCallable,
    /// <summary>An async void method (MCPGEN0004).</summary>
    AsyncVoid,
    /// <summary>A tool or prompt name outside the spec's rule (MCPGEN0003).</summary>
    InvalidName,
    /// <summary>A parameter type that cannot be bound (MCPGEN0005).</summary>
    UnbindableParameter,
    /// <summary>A return type that cannot be written (MCPGEN0006).</summary>
    UnwritableReturn,
    /// <summary>A bad URI template, or variables that do not match the parameters (MCPGEN0009).</summary>
    InvalidUriTemplate,
    /// <summary>A ref, out, in, pointer or ref-struct parameter (MCPGEN0010).</summary>
    ByRefParameter,
    /// <summary>An instance method on a type that cannot be constructed (MCPGEN0011).</summary>
    NotConstructible,
    /// <summary>A resource with a fixed URI whose method takes arguments (MCPGEN0014).</summary>
    FixedUriWithArguments,
    /// <summary>Two parameters with the same JSON name (MCPGEN0015).</summary>
    DuplicateArgumentName,
    /// <summary>A declared OAuth scope that is not a valid scope token (MCPGEN0016).</summary>
    InvalidScope,
    /// <summary>An [McpHeader] the spec forbids: not a string/integer/boolean parameter, not a header token, or a duplicate (MCPGEN0017).</summary>
    InvalidHeaderParameter,
}

/// <summary>Where the reason lives in source: the analyzers put the diagnostic there.</summary>
internal enum FailureTarget
{
    /// <summary>The method's name.</summary>
    Method,
    /// <summary>The attribute's name or URI argument (the method's name when the attribute has none).</summary>
    AttributeArgument,
    /// <summary>The parameter at <see cref="ParseFailure.ParameterOrdinal"/>.</summary>
    Parameter,
    /// <summary>The return type.</summary>
    ReturnType,
    /// <summary>The attribute's <c>Scopes</c> argument.</summary>
    ScopesArgument,
}

/// <summary>The first reason the generator skips a method, with where to report it.</summary>
internal sealed class ParseFailure
{
    public ParseFailure(FailureKind kind, string message, FailureTarget target, int parameterOrdinal = -1)
    {
        Kind = kind;
        Message = message;
        Target = target;
        ParameterOrdinal = parameterOrdinal;
    }

    public FailureKind Kind { get; }

    /// <summary>What is wrong and what to do, without the method's name (the diagnostic adds it).</summary>
    public string Message { get; }

    public FailureTarget Target { get; }

    public int ParameterOrdinal { get; }

    /// <summary>Whether making the method internal would fix it (the method itself is private or protected).</summary>
    public bool FixableByInternal { get; set; }
}
