using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpGen.Generators.Parsing;

/// <summary>Reads System.ComponentModel.DataAnnotations attributes into a <see cref="ConstraintSpec"/>.</summary>
internal static class ConstraintReader
{
    private const string Ns = "System.ComponentModel.DataAnnotations.";

    /// <summary>Reads the constraints on a value of <paramref name="type"/> (a [Range] wider than an integer type is cut to it).</summary>
    public static ConstraintSpec Read(IEnumerable<AttributeData> attributes, ITypeSymbol? type = null)
    {
        string? min = null, max = null, pattern = null, format = null;
        int? minLength = null, maxLength = null;
        var allowed = new List<string>();
        var denied = new List<string>();
        bool requiredNonEmpty = false;
        foreach (var attribute in attributes)
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            var args = attribute.ConstructorArguments;
            switch (name)
            {
                case Ns + "RangeAttribute" when args.Length == 2:
                    min = JsonText.Number(args[0].Value) ?? (args[0].Value as string);
                    max = JsonText.Number(args[1].Value) ?? (args[1].Value as string);
                    break;
                case Ns + "MinLengthAttribute" when args.Length == 1 && args[0].Value is int n:
                    minLength = n;
                    break;
                case Ns + "MaxLengthAttribute" when args.Length == 1 && args[0].Value is int n:
                    maxLength = n;
                    break;
                case Ns + "LengthAttribute" when args.Length == 2 && args[0].Value is int lo && args[1].Value is int hi:
                    minLength = lo;
                    maxLength = hi;
                    break;
                case Ns + "StringLengthAttribute" when args.Length == 1 && args[0].Value is int sMax:
                    maxLength = sMax;
                    foreach (var named in attribute.NamedArguments)
                        if (named.Key == "MinimumLength" && named.Value.Value is int sMin && sMin > 0) minLength = sMin;
                    break;
                case Ns + "RegularExpressionAttribute" when args.Length == 1 && args[0].Value is string p:
                    pattern = p;
                    break;
                case Ns + "EmailAddressAttribute":
                    format = "email";
                    break;
                case Ns + "UrlAttribute":
                    format = "uri";
                    break;
                case Ns + "AllowedValuesAttribute" when args.Length == 1:
                    allowed.AddRange(Values(args[0]));
                    break;
                case Ns + "DeniedValuesAttribute" when args.Length == 1:
                    denied.AddRange(Values(args[0]));
                    break;
                case Ns + "RequiredAttribute":
                    requiredNonEmpty = !attribute.NamedArguments.Any(a => a.Key == "AllowEmptyStrings" && a.Value.Value is true);
                    break;
            }
        }
        (min, max) = WithinIntegerType(min, max, type);
        var spec = new ConstraintSpec(min, max, minLength, maxLength, pattern, format, allowed.ToEquatableArray(), denied.ToEquatableArray(), requiredNonEmpty);
        return spec;
    }

    // The binder reads an integer within its type's range before it checks [Range]; the schema must not promise more
    // ([Range(0, 1000)] on a byte said "maximum": 1000 while the binder refused 256).
    private static (string? Min, string? Max) WithinIntegerType(string? min, string? max, ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
        (string Lo, string Hi)? range = type?.SpecialType switch
        {
            SpecialType.System_SByte => ("-128", "127"),
            SpecialType.System_Byte => ("0", "255"),
            SpecialType.System_Int16 => ("-32768", "32767"),
            SpecialType.System_UInt16 => ("0", "65535"),
            SpecialType.System_Int32 => ("-2147483648", "2147483647"),
            SpecialType.System_UInt32 => ("0", "4294967295"),
            SpecialType.System_Int64 => ("-9223372036854775808", "9223372036854775807"),
            SpecialType.System_UInt64 => ("0", "18446744073709551615"),
            _ => null,
        };
        if (range is not { } r) return (min, max);
        static double Value(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN;
        if (min is not null && Value(min) < Value(r.Lo)) min = r.Lo;
        if (max is not null && Value(max) > Value(r.Hi)) max = r.Hi;
        return (min, max);
    }

    public static bool HasRequired(IEnumerable<AttributeData> attributes) =>
        attributes.Any(a => a.AttributeClass?.ToDisplayString() == Ns + "RequiredAttribute");

    private static IEnumerable<string> Values(TypedConstant array)
    {
        if (array.Kind != TypedConstantKind.Array) yield break;
        foreach (var item in array.Values)
        {
            if (item.Value is string s) yield return JsonText.String(s);
            else if (item.Value is bool b) yield return b ? "true" : "false";
            else if (JsonText.Number(item.Value) is { } n) yield return n;
            else if (item.Value is null) yield return "null";
        }
    }
}
