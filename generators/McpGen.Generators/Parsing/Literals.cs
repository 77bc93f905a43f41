using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;

namespace McpGen.Generators.Parsing;

/// <summary>Constant values as C# literals (for generated code) and JSON literals (for schemas).</summary>
internal static class Literals
{
    public static string CSharpString(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string CSharpStringOrNull(string? value) => value is null ? "null" : CSharpString(value);

    /// <summary>A JSON string literal (escapes what JSON requires and anything that could break a line-delimited transport).</summary>
    public static string JsonString(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\u007f') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A number as invariant text, or null when it is not a number.</summary>
    public static string? Number(object? value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        sbyte sb => sb.ToString(CultureInfo.InvariantCulture),
        byte b => b.ToString(CultureInfo.InvariantCulture),
        ushort us => us.ToString(CultureInfo.InvariantCulture),
        uint ui => ui.ToString(CultureInfo.InvariantCulture),
        ulong ul => ul.ToString(CultureInfo.InvariantCulture),
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when !float.IsNaN(f) && !float.IsInfinity(f) => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// The default of an optional parameter or constructor parameter: a C# expression and the JSON value for the schema.
    /// </summary>
    public static (string CSharp, string? Json) Default(IParameterSymbol parameter)
    {
        object? value = parameter.ExplicitDefaultValue;
        var type = parameter.Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
        string typeName = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (value is null)
        {
            bool isPlainValueType = parameter.Type.IsValueType && parameter.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
            return isPlainValueType ? ($"default({typeName})", null) : ("null", "null");
        }
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
                    return ($"{enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}.{field.Name}", null);
            }
            return ($"({enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}){Number(value)}", null);
        }
        return value switch
        {
            string s => (CSharpString(s), JsonString(s)),
            bool b => (b ? "true" : "false", b ? "true" : "false"),
            char c => (CharLiteral(c), JsonString(c.ToString())),
            float f => (Number(f) + "f", Number(f)),
            double d => (Number(d) is { } n ? n + "d" : $"default({typeName})", Number(d)),
            decimal m => (Number(m) + "m", Number(m)),
            long l => (Number(l) + "L", Number(l)),
            ulong ul => (Number(ul) + "UL", Number(ul)),
            uint ui => (Number(ui) + "U", Number(ui)),
            _ => ($"({typeName}){Number(value)}", Number(value)),
        };
    }

    private static string CharLiteral(char c) => c switch
    {
        '\'' => "'\\''",
        '\\' => "'\\\\'",
        _ when c < 0x20 => "'\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) + "'",
        _ => "'" + c + "'",
    };
}
