namespace McpGen.Generators.Model;

/// <summary>Which primitive a method is.</summary>
internal enum PrimitiveKind
{
    Tool,
    Prompt,
    Resource,
    ResourceTemplate,
}

/// <summary>
/// An annotated method, as the parser saw it: strings, enums and equatable arrays only (no symbols, syntax or
/// locations), so an edit elsewhere leaves the pipeline cached.
/// </summary>
internal sealed record MethodSpec(
    PrimitiveKind Kind,
    string Name,                  // tool/prompt name, or resource name
    string? Title,
    string? Description,
    string ContainingTypeName,    // global::-qualified
    string MethodName,
    bool IsStatic,
    InstanceSpec? Instance,
    string? ReadOnlyHint,         // "true"/"false" when set
    string? DestructiveHint,
    string? IdempotentHint,
    string? OpenWorldHint,
    EquatableArray<string> Icons,
    EquatableArray<string> Scopes,
    string? Uri,                  // resources: the URI or template
    string? MimeType,
    EquatableArray<ParameterSpec> Parameters,
    ReturnSpec Return,
    EquatableArray<TypeShape> Shapes,
    EquatableArray<CompletionSpec> Completions,
    string ClassName,             // the generated primitive class
    string HintName,
    long? CacheTtlMs = null,      // resources: [McpResource(CacheTtlMs = ...)] when 0 or more
    bool? CachePublic = null);    // resources: CacheScope when set explicitly (true: public)

/// <summary>Values offered by <c>completion/complete</c> for one argument (an enum or <c>[AllowedValues]</c>).</summary>
internal sealed record CompletionSpec(string ArgumentName, EquatableArray<string> Values);

/// <summary>How to get the instance an instance method runs on: from DI if registered, else constructed from DI.</summary>
internal sealed record InstanceSpec(EquatableArray<string> ConstructorParameterTypes, bool IsDisposable, bool IsAsyncDisposable);
