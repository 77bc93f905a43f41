namespace McpGen.Generators.Model;

/// <summary>What the registry needs to know of a primitive: only its kind and generated class name.</summary>
internal sealed record PrimitiveRef(PrimitiveKind Kind, string ClassName, string SortKey);
