using Microsoft.CodeAnalysis;
using McpGen.Generators.Model;

namespace McpGen.Generators.Parsing;

/// <summary>Default values of parameters and property initializers, as <see cref="DefaultSpec"/> facts.</summary>
internal static class Defaults
{
    /// <summary>The default of an optional parameter or constructor parameter.</summary>
    public static DefaultSpec Of(IParameterSymbol parameter) => Of(parameter.ExplicitDefaultValue, parameter.Type);

    /// <summary>A constant <paramref name="value"/> given to a value of type <paramref name="declared"/>.</summary>
    public static DefaultSpec Of(object? value, ITypeSymbol declared)
    {
        var type = declared;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
        string typeName = declared.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (value is null)
        {
            bool isPlainValueType = declared.IsValueType && declared.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;
            return new DefaultSpec(isPlainValueType ? DefaultKind.TypeDefault : DefaultKind.Null, null, typeName);
        }
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            string enumName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
                    return new DefaultSpec(DefaultKind.EnumMember, field.Name, enumName);
            }
            return new DefaultSpec(DefaultKind.EnumNumber, JsonText.Number(value), enumName);
        }
        return value switch
        {
            string s => new DefaultSpec(DefaultKind.String, s, typeName),
            bool b => new DefaultSpec(DefaultKind.Boolean, b ? "true" : "false", typeName),
            char c => new DefaultSpec(DefaultKind.Char, c.ToString(), typeName),
            float f => JsonText.Number(f) is { } n ? new DefaultSpec(DefaultKind.Number, n, typeName, "f") : new DefaultSpec(DefaultKind.TypeDefault, null, typeName),
            double d => JsonText.Number(d) is { } n ? new DefaultSpec(DefaultKind.Number, n, typeName, "d") : new DefaultSpec(DefaultKind.TypeDefault, null, typeName),
            decimal m => new DefaultSpec(DefaultKind.Number, JsonText.Number(m), typeName, "m"),
            long l => new DefaultSpec(DefaultKind.Number, JsonText.Number(l), typeName, "L"),
            ulong ul => new DefaultSpec(DefaultKind.Number, JsonText.Number(ul), typeName, "UL"),
            uint ui => new DefaultSpec(DefaultKind.Number, JsonText.Number(ui), typeName, "U"),
            _ => new DefaultSpec(DefaultKind.Number, JsonText.Number(value), typeName),
        };
    }
}
