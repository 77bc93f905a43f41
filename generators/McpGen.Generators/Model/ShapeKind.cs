namespace McpGen.Generators.Model;

/// <summary>What a .NET type looks like in JSON, as far as McpGen models it.</summary>
internal enum ShapeKind
{
    Boolean,
    Integer,      // sbyte..long, with range
    UInt64,
    Number,       // float, double, decimal
    String,
    Char,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Uri,
    Bytes,        // byte[]: base64
    JsonElement,  // any JSON value
    JsonNode,     // any JSON value (nullable node)
    Enum,
    Nullable,     // Nullable<T> of a value type: Element is T
    Collection,   // arrays and list/set interfaces: Element
    Dictionary,   // string-keyed: Element is the value
    Object,       // records, classes, structs: Members
    UserJson,     // the user's JsonSerializerContext models it
}

/// <summary>How a collection is built when read.</summary>
internal enum CollectionKind
{
    None,
    Array,
    List,
    HashSet,
}
