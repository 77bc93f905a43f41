namespace McpGen.Generators.Emitting;

/// <summary>
/// Where generated code reads a value: <see cref="Reader"/> is a <c>Utf8JsonReader</c> variable (or a call returning
/// one by reference) on the value, <see cref="Json"/> the JSON it reads, <see cref="IsNull"/> a test for a JSON null.
/// </summary>
internal sealed record ValueAt(string Reader, string Json, string IsNull)
{
    /// <summary>The value at <c>reader</c>, reading <c>json</c>: an item of a collection or dictionary.</summary>
    public static ValueAt Item { get; } = new("reader", "json", "reader.TokenType == " + ShapeCode.JsonTokenType + ".Null");

    /// <summary>Member <paramref name="index"/> of the <c>McpMembers</c> <c>m</c>, which must be present.</summary>
    public static ValueAt Member(int index) => new($"m.Value({index})", "m.Slice", $"m.IsNull({index})");

    /// <summary>Member <paramref name="index"/> of <c>m</c>; absent is "is required but missing".</summary>
    public static ValueAt Required(int index) => new($"m.Required({index})", "m.Slice", $"m.IsNull({index})");
}
