using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpGen.Analyzers;

/// <summary>
/// Suppresses the trim analyzer's IL2026 (RequiresUnreferencedCode) and IL3050 (RequiresDynamicCode) warnings that
/// DataAnnotations attributes such as <c>[Length]</c>, <c>[MinLength]</c> or <c>[Range(typeof(...), ...)]</c> raise where
/// McpGen reads them: on parameters of <c>[McpTool]</c>/<c>[McpPrompt]</c>/<c>[McpResource]</c> methods and on properties
/// (and positional record parameters) of the types those methods take or return. McpGen turns these attributes into
/// schema keywords and generated checks at compile time and never runs their reflection-based validation, so the
/// warning is one the user cannot act on. Anywhere else the warning stands.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataAnnotationsTrimSuppressor : DiagnosticSuppressor
{
    private const string Justification = "McpGen reads this DataAnnotations attribute at compile time (schema keyword + generated check) and never calls its reflection-based validation.";

    /// <summary>IL2026 on a DataAnnotations attribute McpGen reads.</summary>
    public static readonly SuppressionDescriptor RequiresUnreferencedCode = new("MCPGENSPR0001", "IL2026", Justification);

    /// <summary>IL3050 on a DataAnnotations attribute McpGen reads.</summary>
    public static readonly SuppressionDescriptor RequiresDynamicCode = new("MCPGENSPR0002", "IL3050", Justification);

    private const string DataAnnotations = "System.ComponentModel.DataAnnotations";
    private static readonly string[] McpAttributes = ["McpGen.McpToolAttribute", "McpGen.McpPromptAttribute", "McpGen.McpResourceAttribute"];

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = [RequiresUnreferencedCode, RequiresDynamicCode];

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        HashSet<ITypeSymbol>? boundTypes = null; // computed on the first warning that is on a DataAnnotations attribute
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            var descriptor = diagnostic.Id == "IL2026" ? RequiresUnreferencedCode : diagnostic.Id == "IL3050" ? RequiresDynamicCode : null;
            if (descriptor is null || diagnostic.Location.SourceTree is not { } tree) continue;
            var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute?.Parent is not AttributeListSyntax list) continue;
            var model = context.GetSemanticModel(tree);
            if (model.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType: { } attributeType }
                || attributeType.ContainingNamespace?.ToDisplayString() != DataAnnotations) continue;
            var target = list.Parent is null ? null : model.GetDeclaredSymbol(list.Parent, context.CancellationToken);
            boundTypes ??= BoundTypes(context.Compilation, context.CancellationToken);
            if (IsMcpGenTarget(target, boundTypes)) context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
        }
    }

    private static bool IsMcpGenTarget(ISymbol? target, HashSet<ITypeSymbol> boundTypes) => target switch
    {
        IParameterSymbol { ContainingSymbol: IMethodSymbol method } => IsMcpMethod(method)
            || (method.MethodKind == MethodKind.Constructor && boundTypes.Contains(method.ContainingType)), // positional record parameter
        IPropertySymbol property => boundTypes.Contains(property.ContainingType),
        _ => false,
    };

    private static bool IsMcpMethod(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass is { } c && McpAttributes.Contains(c.ToDisplayString()));

    /// <summary>The source types McpGen binds or writes: reached from the parameters and returns of annotated methods.</summary>
    private static HashSet<ITypeSymbol> BoundTypes(Compilation compilation, CancellationToken cancellationToken)
    {
        var result = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var stack = new Stack<ITypeSymbol>();
        foreach (var method in Methods(compilation.Assembly.GlobalNamespace, cancellationToken).Where(IsMcpMethod))
        {
            foreach (var p in method.Parameters) stack.Push(p.Type);
            stack.Push(method.ReturnType);
        }
        while (stack.Count > 0)
        {
            var type = stack.Pop();
            switch (type)
            {
                case IArrayTypeSymbol array: stack.Push(array.ElementType); continue;
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments) stack.Push(argument);
                    var definition = named.OriginalDefinition;
                    if (!definition.Locations.Any(l => l.IsInSource) || !result.Add(definition)) continue;
                    foreach (var property in definition.GetMembers().OfType<IPropertySymbol>()) stack.Push(property.Type);
                    for (var b = definition.BaseType; b is not null; b = b.BaseType) stack.Push(b);
                    continue;
            }
        }
        return result;
    }

    private static IEnumerable<IMethodSymbol> Methods(INamespaceOrTypeSymbol container, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol nested)
            {
                foreach (var m in Methods(nested, cancellationToken)) yield return m;
            }
            else if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method) yield return method;
        }
    }
}
