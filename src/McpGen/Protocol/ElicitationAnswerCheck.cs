using System.Globalization;
using System.Text.Json;

namespace McpGen.Protocol;

/// <summary>
/// Checks a client's accepted elicitation answer against the form schema the server sent: a client (or a user
/// editing its answer) is not trusted to have enforced it. The first problem found is described in words a tool
/// author can act on.
/// </summary>
internal static class ElicitationAnswerCheck
{
    /// <summary>What is wrong with <paramref name="content"/> for <paramref name="schema"/>, or <see langword="null"/> when it conforms.</summary>
    public static string? Problem(ElicitationSchema schema, IReadOnlyDictionary<string, JsonElement>? content)
    {
        foreach (var name in schema.Required ?? [])
        {
            if (content is null || !content.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return $"the required field '{name}' is missing";
        }
        if (content is null) return null;
        foreach (var (name, definition) in schema.Properties)
        {
            if (!content.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            if (Problem(definition, value) is { } problem) return $"field '{name}' {problem}";
        }
        return null;
    }

    private static string? Problem(PrimitiveSchemaDefinition definition, JsonElement value) => definition switch
    {
        StringSchema s => StringProblem(s, value),
        NumberSchema n => NumberProblem(n, value),
        BooleanSchema => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false",
        UntitledSingleSelectEnumSchema e => OneOfProblem(e.Enum, value),
        LegacyTitledEnumSchema e => OneOfProblem(e.Enum, value),
        TitledSingleSelectEnumSchema e => OneOfProblem([.. e.OneOf.Select(static o => o.Const)], value),
        UntitledMultiSelectEnumSchema m => ManyOfProblem(m.Items.Enum, m.MinItems, m.MaxItems, value),
        TitledMultiSelectEnumSchema m => ManyOfProblem([.. m.Items.AnyOf.Select(static o => o.Const)], m.MinItems, m.MaxItems, value),
        _ => null,
    };

    private static string? StringProblem(StringSchema schema, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return "must be a string";
        string text = value.GetString()!;
        int length = CountCodePoints(text);
        if (schema.MinLength is int min && length < min) return $"must have at least {min} character(s)";
        if (schema.MaxLength is int max && length > max) return $"must have at most {max} character(s)";
        bool formatOk = schema.Format switch
        {
            "email" => text.IndexOf('@') > 0 && text.IndexOf('@') < text.Length - 1,
            "uri" => Uri.TryCreate(text, UriKind.Absolute, out _),
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Contains('T', StringComparison.OrdinalIgnoreCase),
            _ => true,
        };
        return formatOk ? null : $"must be a valid {schema.Format}";
    }

    private static string? NumberProblem(NumberSchema schema, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number)) return $"must be a{(schema.Type == "integer" ? "n integer" : " number")}";
        if (schema.Type == "integer" && Math.Floor(number) != number) return "must be an integer";
        if (schema.Minimum is double min && number < min) return $"must be at least {min.ToString(CultureInfo.InvariantCulture)}";
        if (schema.Maximum is double max && number > max) return $"must be at most {max.ToString(CultureInfo.InvariantCulture)}";
        return null;
    }

    private static string? OneOfProblem(IReadOnlyList<string> allowed, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!) ? null : $"must be one of {string.Join(", ", allowed)}";

    private static string? ManyOfProblem(IReadOnlyList<string> allowed, int? minItems, int? maxItems, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) return "must be an array";
        int count = value.GetArrayLength();
        if (minItems is int min && count < min) return $"must have at least {min} item(s)";
        if (maxItems is int max && count > max) return $"must have at most {max} item(s)";
        foreach (var item in value.EnumerateArray())
            if (item.ValueKind != JsonValueKind.String || !allowed.Contains(item.GetString()!)) return $"may only contain {string.Join(", ", allowed)}";
        return null;
    }

    private static int CountCodePoints(string text)
    {
        int count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
