using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using McpGen.Generators.Model;
using McpGen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpGen.Analyzers;

/// <summary>
/// Checks every <c>[McpTool]</c>, <c>[McpPrompt]</c> and <c>[McpResource]</c> method with the generator's own parser:
/// whatever the generator would skip is an error here, at the place that causes it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class McpPrimitiveAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property naming a code fix's replacement name.</summary>
    public const string NewNameProperty = "NewName";

    /// <summary>The property set when making the method internal fixes MCPGEN0001.</summary>
    public const string MakeInternalProperty = "MakeInternal";

    /// <summary>The property naming the undocumented parameter (MCPGEN0008).</summary>
    public const string ParameterProperty = "Parameter";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NotCallable, Descriptors.Duplicate, Descriptors.InvalidName, Descriptors.AsyncVoid,
        Descriptors.UnbindableParameter, Descriptors.UnwritableReturn, Descriptors.MissingDescription,
        Descriptors.MissingParameterDescription, Descriptors.InvalidUriTemplate, Descriptors.ByRefParameter,
        Descriptors.NotConstructible, Descriptors.MisappliedConstraint, Descriptors.RepeatedSpecialParameter,
        Descriptors.FixedUriWithArguments, Descriptors.DuplicateArgumentName, Descriptors.InvalidScope, Descriptors.InvalidHeaderParameter);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attributes = new[]
            {
                (Type: start.Compilation.GetTypeByMetadataName("McpGen.McpToolAttribute"), Kind: PrimitiveKind.Tool),
                (Type: start.Compilation.GetTypeByMetadataName("McpGen.McpPromptAttribute"), Kind: PrimitiveKind.Prompt),
                (Type: start.Compilation.GetTypeByMetadataName("McpGen.McpResourceAttribute"), Kind: PrimitiveKind.Resource),
            }.Where(a => a.Type is not null).ToArray();
            if (attributes.Length == 0) return; // not an McpGen project
            var options = AssemblyOptions.Read(start.Compilation);
            var declared = new ConcurrentBag<Declaration>();
            start.RegisterSymbolAction(c => AnalyzeMethod(c, attributes!, options, declared), SymbolKind.Method);
            start.RegisterCompilationEndAction(c => DuplicateReporter.Report(c, declared));
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, (INamedTypeSymbol Type, PrimitiveKind Kind)[] attributes,
        AssemblyOptionsSpec options, ConcurrentBag<Declaration> declared)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.MethodKind != MethodKind.Ordinary) return;
        bool annotated = false;
        foreach (var attribute in method.GetAttributes())
        {
            foreach (var (type, kind) in attributes)
            {
                if (!SymbolEqualityComparer.Default.Equals(type, attribute.AttributeClass)) continue;
                annotated = true;
                Analyze(context, method, attribute, kind, options, declared);
            }
        }
        if (!annotated) return;
        ConstraintChecker.Check(context, method);
        ReportRepeatedSpecialParameters(context, method, method.ContainingType.Name + "." + method.Name);
    }

    private static void Analyze(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, PrimitiveKind kind,
        AssemblyOptionsSpec options, ConcurrentBag<Declaration> declared)
    {
        var ct = context.CancellationToken;
        string display = method.ContainingType.Name + "." + method.Name;
        string kindText = KindText(kind);
        var spec = MethodParser.Parse(method, attribute, kind, options, ct, out var failure);

        if (failure is not null)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (failure.FixableByInternal) properties = properties.Add(MakeInternalProperty, "true");
            if (failure.Kind == FailureKind.InvalidName)
                properties = properties.Add(NewNameProperty, SuggestName(MethodParser.Key(method, attribute, kind) ?? "", method.Name));
            context.ReportDiagnostic(Diagnostic.Create(Descriptor(failure.Kind), Locate(method, attribute, failure.Target, failure.ParameterOrdinal, failure.Kind, ct),
                properties, display, kindText, failure.Message));
        }
        else
        {
            var located = AttributeArgumentLocation(attribute, ct) ?? method.Locations[0];
            string key = spec!.Kind is PrimitiveKind.Tool or PrimitiveKind.Prompt ? spec.Name : spec.Uri!;
            declared.Add(new Declaration(spec.Kind, key, display, located, HasExplicitKey(attribute, ct)));

            if (spec.Kind is PrimitiveKind.Tool or PrimitiveKind.Prompt && spec.Description is null)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingDescription, method.Locations[0], spec.Name, kindText));
            if (spec.Kind is not PrimitiveKind.Resource)
            {
                foreach (var p in spec.Parameters.Where(p => p.Kind == ParameterKind.Argument && p.Description is null))
                {
                    var parameter = method.Parameters.First(x => x.Name == p.ClrName);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.MissingParameterDescription, parameter.Locations[0],
                        ImmutableDictionary<string, string?>.Empty.Add(ParameterProperty, parameter.Name), parameter.Name, kindText, spec.Name));
                }
            }
        }
    }

    private static void ReportRepeatedSpecialParameters(SymbolAnalysisContext context, IMethodSymbol method, string display)
    {
        var seen = new HashSet<string>();
        foreach (var p in method.Parameters)
        {
            string? category = p.Type.ToDisplayString() switch
            {
                "System.Threading.CancellationToken" => "CancellationToken",
                "McpGen.McpRequestContext" => "McpRequestContext",
                "System.IProgress<McpGen.McpProgress>" or "System.IProgress<double>" => "IProgress",
                _ => null,
            };
            if (category is not null && !seen.Add(category))
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.RepeatedSpecialParameter, p.Locations[0], display, category));
        }
    }

    internal static string KindText(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Tool => "tool",
        PrimitiveKind.Prompt => "prompt",
        PrimitiveKind.ResourceTemplate => "resource template",
        _ => "resource",
    };

    private static DiagnosticDescriptor Descriptor(FailureKind kind) => kind switch
    {
        FailureKind.NotCallable => Descriptors.NotCallable,
        FailureKind.AsyncVoid => Descriptors.AsyncVoid,
        FailureKind.InvalidName => Descriptors.InvalidName,
        FailureKind.UnbindableParameter => Descriptors.UnbindableParameter,
        FailureKind.UnwritableReturn => Descriptors.UnwritableReturn,
        FailureKind.InvalidUriTemplate => Descriptors.InvalidUriTemplate,
        FailureKind.ByRefParameter => Descriptors.ByRefParameter,
        FailureKind.NotConstructible => Descriptors.NotConstructible,
        FailureKind.FixedUriWithArguments => Descriptors.FixedUriWithArguments,
        FailureKind.InvalidScope => Descriptors.InvalidScope,
        FailureKind.InvalidHeaderParameter => Descriptors.InvalidHeaderParameter,
        _ => Descriptors.DuplicateArgumentName,
    };

    private static Location Locate(IMethodSymbol method, AttributeData attribute, FailureTarget target, int ordinal, FailureKind kind, System.Threading.CancellationToken ct)
    {
        switch (target)
        {
            case FailureTarget.AttributeArgument:
                return AttributeArgumentLocation(attribute, ct) ?? method.Locations[0];
            case FailureTarget.Parameter when ordinal >= 0 && ordinal < method.Parameters.Length:
                var parameter = method.Parameters[ordinal];
                if (parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is ParameterSyntax syntax)
                    return kind == FailureKind.UnbindableParameter && syntax.Type is not null ? syntax.Type.GetLocation() : syntax.GetLocation();
                return parameter.Locations[0];
            case FailureTarget.ScopesArgument:
                return ((attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax)?.ArgumentList?.Arguments
                    .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Scopes"))?.Expression.GetLocation() ?? method.Locations[0];
            case FailureTarget.ReturnType:
                if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is MethodDeclarationSyntax declaration) return declaration.ReturnType.GetLocation();
                return method.Locations[0];
            default:
                return method.Locations[0];
        }
    }

    /// <summary>The attribute's first positional argument (the name or URI), when it has one.</summary>
    private static Location? AttributeArgumentLocation(AttributeData attribute, System.Threading.CancellationToken ct) =>
        FirstPositionalArgument(attribute, ct)?.Expression.GetLocation();

    private static bool HasExplicitKey(AttributeData attribute, System.Threading.CancellationToken ct) => FirstPositionalArgument(attribute, ct) is not null;

    private static AttributeArgumentSyntax? FirstPositionalArgument(AttributeData attribute, System.Threading.CancellationToken ct) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals is null && a.NameColon is null);

    /// <summary>A valid name close to <paramref name="invalid"/>: snake_case, invalid characters as '_', at most 128 characters.</summary>
    internal static string SuggestName(string invalid, string methodName)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in Names.ToSnakeCase(invalid.Trim()))
        {
            char v = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-' or '.' ? c : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : '_';
            if (v == '_' && sb.Length > 0 && sb[sb.Length - 1] == '_') continue;
            sb.Append(v);
        }
        string name = sb.ToString().Trim('_');
        if (name.Length > 128) name = name.Substring(0, 128).TrimEnd('_');
        return name.Length > 0 ? name : Names.DefaultPrimitiveName(methodName);
    }
}

/// <summary>A primitive the generator will register, for the duplicate check at the end of the compilation.</summary>
internal sealed record Declaration(PrimitiveKind Kind, string Key, string Method, Location Location, bool HasExplicitKey);
