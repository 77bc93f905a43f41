using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>The params of <c>elicitation/create</c>: a form (<see cref="RequestedSchema"/>) or a URL to visit.</summary>
public sealed class ElicitRequestParams
{
    /// <summary><c>form</c> (the default when absent) or <c>url</c>.</summary>
    public string? Mode { get; init; }

    /// <summary>What is asked of the user, and why.</summary>
    public required string Message { get; init; }

    /// <summary>Form mode: the flat object schema of the fields to fill.</summary>
    public ElicitationSchema? RequestedSchema { get; init; }

    /// <summary>URL mode: an id unique within the server.</summary>
    public string? ElicitationId { get; init; }

    /// <summary>URL mode: where to send the user.</summary>
    public string? Url { get; init; }

    /// <summary>A form-mode request.</summary>
    public static ElicitRequestParams Form(string message, ElicitationSchema schema) => new() { Message = message, RequestedSchema = schema };

    /// <summary>A URL-mode request.</summary>
    public static ElicitRequestParams ForUrl(string message, string elicitationId, string url) =>
        new() { Mode = "url", Message = message, ElicitationId = elicitationId, Url = url };
}

/// <summary>The restricted JSON Schema of an elicitation form: one object of flat primitive fields.</summary>
public sealed class ElicitationSchema
{
    /// <summary>Always <c>object</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "object";

    /// <summary>The fields.</summary>
    public required IReadOnlyDictionary<string, PrimitiveSchemaDefinition> Properties { get; init; }

    /// <summary>The fields that must be filled.</summary>
    public IReadOnlyList<string>? Required { get; init; }
}

/// <summary>The schema of one elicitation field.</summary>
[JsonDerivedType(typeof(StringSchema))]
[JsonDerivedType(typeof(NumberSchema))]
[JsonDerivedType(typeof(BooleanSchema))]
[JsonDerivedType(typeof(UntitledSingleSelectEnumSchema))]
[JsonDerivedType(typeof(TitledSingleSelectEnumSchema))]
[JsonDerivedType(typeof(LegacyTitledEnumSchema))]
[JsonDerivedType(typeof(UntitledMultiSelectEnumSchema))]
[JsonDerivedType(typeof(TitledMultiSelectEnumSchema))]
public abstract class PrimitiveSchemaDefinition
{
    private protected PrimitiveSchemaDefinition() { }

    /// <summary>The JSON type: <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c> or <c>array</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>A display title.</summary>
    public string? Title { get; init; }

    /// <summary>What to enter.</summary>
    public string? Description { get; init; }
}

/// <summary>A text field.</summary>
public sealed class StringSchema : PrimitiveSchemaDefinition
{
    /// <inheritdoc />
    public override string Type => "string";

    /// <summary>Shortest length.</summary>
    public int? MinLength { get; init; }

    /// <summary>Longest length.</summary>
    public int? MaxLength { get; init; }

    /// <summary><c>email</c>, <c>uri</c>, <c>date</c> or <c>date-time</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The pre-filled value.</summary>
    public string? Default { get; init; }
}

/// <summary>A numeric field.</summary>
public sealed class NumberSchema : PrimitiveSchemaDefinition
{
    /// <summary>Creates a number field; set <paramref name="integer"/> for whole numbers.</summary>
    public NumberSchema(bool integer = false) => Type = integer ? "integer" : "number";

    /// <inheritdoc />
    public override string Type { get; }

    /// <summary>Smallest value.</summary>
    public double? Minimum { get; init; }

    /// <summary>Largest value.</summary>
    public double? Maximum { get; init; }

    /// <summary>The pre-filled value.</summary>
    public double? Default { get; init; }
}

/// <summary>A yes/no field.</summary>
public sealed class BooleanSchema : PrimitiveSchemaDefinition
{
    /// <inheritdoc />
    public override string Type => "boolean";

    /// <summary>The pre-filled value.</summary>
    public bool? Default { get; init; }
}

/// <summary>A single choice among plain values.</summary>
public sealed class UntitledSingleSelectEnumSchema : PrimitiveSchemaDefinition
{
    /// <inheritdoc />
    public override string Type => "string";

    /// <summary>The values.</summary>
    public required IReadOnlyList<string> Enum { get; init; }

    /// <summary>The pre-selected value.</summary>
    public string? Default { get; init; }
}

/// <summary>A single choice among values with display titles.</summary>
public sealed class TitledSingleSelectEnumSchema : PrimitiveSchemaDefinition
{
    /// <inheritdoc />
    public override string Type => "string";

    /// <summary>The options.</summary>
    public required IReadOnlyList<EnumOption> OneOf { get; init; }

    /// <summary>The pre-selected value.</summary>
    public string? Default { get; init; }
}

/// <summary>A single choice with the legacy <c>enumNames</c> titles (prefer <see cref="TitledSingleSelectEnumSchema"/>).</summary>
public sealed class LegacyTitledEnumSchema : PrimitiveSchemaDefinition
{
    /// <inheritdoc />
    public override string Type => "string";

    /// <summary>The values.</summary>
    public required IReadOnlyList<string> Enum { get; init; }

    /// <summary>Display names, one per value.</summary>
    public IReadOnlyList<string>? EnumNames { get; init; }

    /// <summary>The pre-selected value.</summary>
    public string? Default { get; init; }
}

/// <summary>Several choices among plain values.</summary>
public sealed class UntitledMultiSelectEnumSchema : PrimitiveSchemaDefinition
{
    /// <inheritdoc />
    public override string Type => "array";

    /// <summary>Fewest selections.</summary>
    public int? MinItems { get; init; }

    /// <summary>Most selections.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The values to choose from.</summary>
    public required UntitledEnumItems Items { get; init; }

    /// <summary>The pre-selected values.</summary>
    public IReadOnlyList<string>? Default { get; init; }
}

/// <summary>The <c>items</c> of an <see cref="UntitledMultiSelectEnumSchema"/>.</summary>
public sealed class UntitledEnumItems
{
    /// <summary>Always <c>string</c>.</summary>
    [JsonPropertyOrder(-1)]
    public string Type => "string";

    /// <summary>The values.</summary>
    public required IReadOnlyList<string> Enum { get; init; }
}

/// <summary>Several choices among values with display titles.</summary>
public sealed class TitledMultiSelectEnumSchema : PrimitiveSchemaDefinition
{
    /// <inheritdoc />
    public override string Type => "array";

    /// <summary>Fewest selections.</summary>
    public int? MinItems { get; init; }

    /// <summary>Most selections.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The options to choose from.</summary>
    public required TitledEnumItems Items { get; init; }

    /// <summary>The pre-selected values.</summary>
    public IReadOnlyList<string>? Default { get; init; }
}

/// <summary>The <c>items</c> of a <see cref="TitledMultiSelectEnumSchema"/>.</summary>
public sealed class TitledEnumItems
{
    /// <summary>The options.</summary>
    public required IReadOnlyList<EnumOption> AnyOf { get; init; }
}

/// <summary>A value with a display title.</summary>
public sealed class EnumOption
{
    /// <summary>The value.</summary>
    public required string Const { get; init; }

    /// <summary>The display title.</summary>
    public required string Title { get; init; }
}

/// <summary>What the user did with an elicitation.</summary>
[JsonConverter(typeof(ElicitActionJsonConverter))]
public enum ElicitAction
{
    /// <summary>Submitted the form or confirmed.</summary>
    Accept,

    /// <summary>Explicitly declined.</summary>
    Decline,

    /// <summary>Dismissed without choosing.</summary>
    Cancel,
}

/// <summary>The client's answer to <c>elicitation/create</c>.</summary>
public sealed class ElicitResult
{
    /// <summary>What the user did.</summary>
    public required ElicitAction Action { get; init; }

    /// <summary>The submitted values (form mode, when accepted).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Content { get; init; }

    /// <summary>Metadata (<c>_meta</c>).</summary>
    [JsonPropertyName("_meta")]
    public JsonElement? Meta { get; init; }
}
