namespace McpGen.Generators.Model;

/// <summary>DataAnnotations constraints on a value: each becomes a schema keyword and a binder check.</summary>
internal sealed record ConstraintSpec(
    string? Minimum,              // invariant numeric literal
    string? Maximum,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    string? Format,               // "email" | "uri"
    EquatableArray<string> AllowedJson,   // JSON literals
    EquatableArray<string> DeniedJson,
    bool RequiredNonEmpty)        // [Required] on a string: no empty string
{
    public static readonly ConstraintSpec None = new(null, null, null, null, null, null, EquatableArray<string>.Empty, EquatableArray<string>.Empty, false);

    public bool IsEmpty => this == None;
}
