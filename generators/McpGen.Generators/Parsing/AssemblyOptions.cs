using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using McpGen.Generators.Model;

namespace McpGen.Generators.Parsing;

/// <summary>Reads <c>[assembly: McpGenOptions(...)]</c> into an equatable <see cref="AssemblyOptionsSpec"/>.</summary>
internal static class AssemblyOptions
{
    public const string AttributeName = "McpGen.McpGenOptionsAttribute";

    public static AssemblyOptionsSpec Read(Compilation compilation)
    {
        string ns = "McpGen.Generated", cls = "GeneratedMcpRegistry";
        bool isPublic = false, allowUnknown = false;
        var naming = NamingPolicy.CamelCase;
        INamedTypeSymbol? context = null;
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != AttributeName) continue;
            foreach (var arg in attribute.NamedArguments)
            {
                switch (arg.Key)
                {
                    case "RegistryNamespace" when arg.Value.Value is string s && s.Length > 0: ns = s; break;
                    case "RegistryClassName" when arg.Value.Value is string s && s.Length > 0: cls = s; break;
                    case "PublicRegistry" when arg.Value.Value is bool b: isPublic = b; break;
                    case "AllowUnknownArguments" when arg.Value.Value is bool b: allowUnknown = b; break;
                    case "PropertyNaming" when arg.Value.Value is int n: naming = (NamingPolicy)n; break;
                    case "JsonSerializerContext" when arg.Value.Value is INamedTypeSymbol t: context = t; break;
                }
            }
        }
        return new AssemblyOptionsSpec(ns, cls, isPublic, naming, context?.ToDisplayString(ShapeBuilder.Fq), UserJsonTypes(context),
            compilation.GetTypeByMetadataName("McpGen.McpRegistry") is not null, allowUnknown);
    }

    /// <summary>The shape ids of the <c>[JsonSerializable]</c> types of the user's context.</summary>
    private static EquatableArray<string> UserJsonTypes(INamedTypeSymbol? context)
    {
        if (context is null) return EquatableArray<string>.Empty;
        var set = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var attribute in context.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonSerializableAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is ITypeSymbol t)
                set.Add(t.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(ShapeBuilder.Fq));
        }
        return set.ToEquatableArray();
    }
}
