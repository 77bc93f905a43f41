namespace McpGen.Generators.Model;

/// <summary>What kind of constant a default value is.</summary>
internal enum DefaultKind
{
    Null,          // null (a reference or Nullable<T>)
    TypeDefault,   // default(T) of a value type, or a value the schema cannot state (NaN)
    String,
    Boolean,       // Value: "true" | "false"
    Char,          // Value: the one character
    Number,        // Value: invariant text; Suffix: the C# literal suffix ("f", "d", "m", "L", "UL", "U") or null for a cast
    EnumMember,    // Value: the member's C# name (its JSON name comes from the enum's shape)
    EnumNumber,    // Value: an undefined numeric value of the enum (not stated in the schema)
}

/// <summary>
/// A default value as a fact (an optional parameter's default, a constructor parameter's default, a literal property
/// initializer): the emitters render it as C# and as JSON, so the binder and the schema state the same value.
/// </summary>
internal sealed record DefaultSpec(DefaultKind Kind, string? Value, string TypeName, string? Suffix = null);
