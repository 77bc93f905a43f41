namespace McpGen.Generators.Model;

/// <summary>The naming policy for JSON property names.</summary>
internal enum NamingPolicy
{
    CamelCase,
    SnakeCaseLower,
    AsIs,
}

/// <summary>Compilation-wide facts, projected into a tiny equatable record before anything combines with them.</summary>
internal sealed record AssemblyOptionsSpec(
    string RegistryNamespace,
    string RegistryClassName,
    bool PublicRegistry,
    NamingPolicy Naming,
    string? JsonContextTypeName,          // global::-qualified, the user's JsonSerializerContext
    EquatableArray<string> UserJsonTypes, // the [JsonSerializable] types of that context (shape ids)
    bool HasMcpGenRuntime,
    bool AllowUnknownArguments);          // false (default): unknown tool argument properties are errors
