using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpGen.Analyzers;

/// <summary>
/// MCPGEN0012: a DataAnnotations attribute on a parameter whose type it cannot constrain. The generator turns these
/// attributes into JSON Schema keywords and checks; on the wrong type the keyword would never apply.
/// </summary>
internal static class ConstraintChecker
{
    private const string Ns = "System.ComponentModel.DataAnnotations.";

    public static void Check(SymbolAnalysisContext context, IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            var type = Unwrap(parameter.Type);
            foreach (var attribute in parameter.GetAttributes())
            {
                string? name = attribute.AttributeClass?.ToDisplayString();
                if (name is null || !name.StartsWith(Ns, System.StringComparison.Ordinal)) continue;
                string? needs = name.Substring(Ns.Length) switch
                {
                    "RangeAttribute" when attribute.ConstructorArguments.Length == 2 && !IsNumber(type) => "numbers",
                    "MinLengthAttribute" or "MaxLengthAttribute" or "LengthAttribute" when !IsString(type) && !IsCollection(type) => "strings and collections",
                    "StringLengthAttribute" or "RegularExpressionAttribute" or "EmailAddressAttribute" when !IsString(type) => "strings",
                    "UrlAttribute" when !IsString(type) && type.ToDisplayString() != "System.Uri" => "strings and System.Uri",
                    _ => null,
                };
                if (needs is null) continue;
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? parameter.Locations[0];
                string shortName = attribute.AttributeClass!.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
                    ? attribute.AttributeClass.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length)
                    : attribute.AttributeClass.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.MisappliedConstraint, location, shortName, parameter.Name, parameter.Type.ToDisplayString(), needs));
            }
        }
    }

    private static ITypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static bool IsString(ITypeSymbol type) => type.SpecialType == SpecialType.System_String;

    private static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
        or SpecialType.System_Decimal;

    private static bool IsCollection(ITypeSymbol type) =>
        type is IArrayTypeSymbol || type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T });
}
