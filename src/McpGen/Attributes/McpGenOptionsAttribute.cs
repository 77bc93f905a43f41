namespace McpGen;

/// <summary>
/// Assembly-wide options of the McpGen source generator, e.g.
/// <c>[assembly: McpGenOptions(PropertyNaming = McpPropertyNaming.SnakeCaseLower)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class McpGenOptionsAttribute : Attribute
{
    /// <summary>The namespace of the generated registry (default <c>McpGen.Generated</c>).</summary>
    public string? RegistryNamespace { get; set; }

    /// <summary>The class name of the generated registry (default <c>GeneratedMcpRegistry</c>).</summary>
    public string? RegistryClassName { get; set; }

    /// <summary>Make the generated registry public (default internal), e.g. to ship tools in a library.</summary>
    public bool PublicRegistry { get; set; }

    /// <summary>How C# names become JSON property and argument names (default camelCase).</summary>
    public McpPropertyNaming PropertyNaming { get; set; }

    /// <summary>
    /// Ignore tool argument properties that no parameter or member takes (default false: strict). Strict tools say
    /// <c>additionalProperties: false</c> in their input schema, and a misspelled property (<c>dryrun</c> for
    /// <c>dryRun</c>) fails the call with a message naming it and the closest known name, instead of running with the
    /// default. Prompt arguments are not affected.
    /// </summary>
    public bool AllowUnknownArguments { get; set; }

    /// <summary>
    /// The escape hatch: a <c>JsonSerializerContext</c> of yours whose <c>[JsonSerializable]</c> types the generator
    /// uses (through their <c>JsonTypeInfo</c>) for types it does not model itself.
    /// </summary>
    public Type? JsonSerializerContext { get; set; }
}

/// <summary>Naming policies for JSON names.</summary>
public enum McpPropertyNaming
{
    /// <summary><c>CustomerId</c> becomes <c>customerId</c>.</summary>
    CamelCase,

    /// <summary><c>CustomerId</c> becomes <c>customer_id</c>.</summary>
    SnakeCaseLower,

    /// <summary>Names are used as written.</summary>
    AsIs,
}
