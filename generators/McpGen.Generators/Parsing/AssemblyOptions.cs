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
        bool isPublic = false;
        var naming = NamingPolicy.CamelCase;
        string? context = null;
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
                    case "PropertyNaming" when arg.Value.Value is int n: naming = (NamingPolicy)n; break;
                    case "JsonSerializerContext" when arg.Value.Value is ITypeSymbol t: context = MetadataName(t); break;
                }
            }
        }
        return new AssemblyOptionsSpec(ns, cls, isPublic, naming, context, compilation.GetTypeByMetadataName("McpGen.McpRegistry") is not null);
    }

    private static string MetadataName(ITypeSymbol type)
    {
        string name = type.MetadataName;
        for (var t = type.ContainingType; t is not null; t = t.ContainingType) name = t.MetadataName + "+" + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
