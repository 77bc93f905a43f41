namespace McpGen.Generators.Model;

/// <summary>
/// One .NET type as JSON: the single model from which its schema, its reader and its writer are all made, so they
/// cannot disagree. Shapes refer to each other by <see cref="Id"/> (never by object), so recursive types are finite.
/// </summary>
internal sealed record TypeShape(
    string Id,                     // unique key: the fully qualified type name
    string TypeName,               // the C# type as written in generated code (global::-qualified)
    string Identifier,             // a C# identifier for its generated reader/writer
    string SchemaName,             // a name for $defs
    ShapeKind Kind,
    bool IsValueType,
    string? ElementId,             // Nullable, Collection, Dictionary
    CollectionKind CollectionKind,
    bool UniqueItems,
    string? ElementTypeName,       // the element's C# type (for building arrays/lists)
    bool ElementNullable,          // collection elements / dictionary values may be null
    EquatableArray<MemberShape> Members,
    EquatableArray<EnumMemberSpec> EnumMembers,
    bool UsesConstructor,          // objects: built by a constructor (members with CtorIndex >= 0), then settable members
    string? Description,
    long IntegerMin,
    long IntegerMax,
    string? UserJsonTypeInfo,      // UserJson: an expression of type JsonTypeInfo<T>
    EquatableArray<FixedArgumentSpec> FixedArguments); // constructor parameters of [JsonIgnore]d properties: always their default

/// <summary>A constructor parameter that is never bound (its property is <c>[JsonIgnore]</c>d): it gets its default.</summary>
internal sealed record FixedArgumentSpec(int CtorIndex, DefaultSpec Default);

/// <summary>A property of an object shape.</summary>
internal sealed record MemberShape(
    string ClrName,
    string JsonName,               // after [JsonPropertyName] and the naming policy
    string TypeId,
    string TypeName,
    bool IsNullable,               // null is a valid value (nullable annotation, Nullable<T>)
    bool IsRequired,               // must be present when reading
    bool CanSet,                   // settable or init-only (when not a constructor parameter)
    bool IsInitOnly,               // init accessor: set in the object initializer
    int CtorIndex,                 // position in the constructor, or -1
    string? InitAccessorOwner,     // an optional init-only member: the type declaring its init accessor (set only when present)
    DefaultSpec? Default,          // a constructor parameter's default, or a literal initializer (schema only)
    string? Description,
    ConstraintSpec Constraints);

/// <summary>An enum member with its JSON name.</summary>
internal sealed record EnumMemberSpec(string ClrName, string WireName);
