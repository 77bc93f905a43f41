using System.Collections.Generic;
using System.Linq;
using McpGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpGen.Generators.Parsing;

/// <summary>Reads System.ComponentModel.DataAnnotations attributes into a <see cref="ConstraintSpec"/>.</summary>
internal static class ConstraintReader
{
    private const string Ns = "System.ComponentModel.DataAnnotations.";

    public static ConstraintSpec Read(IEnumerable<AttributeData> attributes)
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
        var spec = new ConstraintSpec(min, max, minLength, maxLength, pattern, format, allowed.ToEquatableArray(), denied.ToEquatableArray(), requiredNonEmpty);
        return spec;
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
