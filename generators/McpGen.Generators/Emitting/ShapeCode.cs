using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpGen.Generators.Model;

namespace McpGen.Generators.Emitting;

/// <summary>C# expressions and statements that read and write one shape; shared by every emitter.</summary>
internal sealed class ShapeCode(IReadOnlyDictionary<string, TypeShape> shapes, string jsonClass)
{
    public const string Args = "global::McpGen.Binding.McpArgs";
    public const string Strings = "global::McpGen.Binding.McpStrings";
    public const string Constraints = "global::McpGen.Binding.McpConstraints";
    public const string Values = "global::McpGen.Binding.McpJsonValues";
    public const string InvalidParams = "global::McpGen.McpInvalidParams";
    public const string InvalidParamsException = "global::McpGen.McpInvalidParamsException";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";

    public TypeShape this[string id] => shapes[id];

    /// <summary>The shared writer method of a shape (a method group), or null when the shape has none.</summary>
    public string? WriterMethod(string typeId) => shapes[typeId].Kind is ShapeKind.Enum or ShapeKind.Collection or ShapeKind.Dictionary or ShapeKind.Object
        ? $"{jsonClass}.Write_{shapes[typeId].Identifier}" : null;

    /// <summary>An expression of the shape's type that reads the value at <paramref name="at"/> (JSON null handled by the caller).</summary>
    public string Read(TypeShape shape, ValueAt at) => shape.Kind switch
    {
        ShapeKind.Boolean => $"{Args}.ReadBoolean(ref {at.Reader})",
        ShapeKind.Integer => shape.Id switch
        {
            "sbyte" => $"{Args}.ReadSByte(ref {at.Reader})",
            "byte" => $"{Args}.ReadByte(ref {at.Reader})",
            "short" => $"{Args}.ReadInt16(ref {at.Reader})",
            "ushort" => $"{Args}.ReadUInt16(ref {at.Reader})",
            "uint" => $"{Args}.ReadUInt32(ref {at.Reader})",
            "long" => $"{Args}.ReadInt64(ref {at.Reader})",
            _ => $"{Args}.ReadInt32(ref {at.Reader})",
        },
        ShapeKind.UInt64 => $"{Args}.ReadUInt64(ref {at.Reader})",
        ShapeKind.Number => shape.Id switch
        {
            "float" => $"{Args}.ReadSingle(ref {at.Reader})",
            "decimal" => $"{Args}.ReadDecimal(ref {at.Reader})",
            _ => $"{Args}.ReadDouble(ref {at.Reader})",
        },
        ShapeKind.String => $"{Args}.ReadString(ref {at.Reader})",
        ShapeKind.Char => $"{Args}.ReadChar(ref {at.Reader})",
        ShapeKind.Guid => $"{Args}.ReadGuid(ref {at.Reader})",
        ShapeKind.DateTime => $"{Args}.ReadDateTime(ref {at.Reader})",
        ShapeKind.DateTimeOffset => $"{Args}.ReadDateTimeOffset(ref {at.Reader})",
        ShapeKind.DateOnly => $"{Args}.ReadDateOnly(ref {at.Reader})",
        ShapeKind.TimeOnly => $"{Args}.ReadTimeOnly(ref {at.Reader})",
        ShapeKind.TimeSpan => $"{Args}.ReadTimeSpan(ref {at.Reader})",
        ShapeKind.Uri => $"{Args}.ReadUri(ref {at.Reader})",
        ShapeKind.Bytes => $"{Args}.ReadBytes(ref {at.Reader})",
        ShapeKind.JsonElement => $"{Args}.ReadJsonElement(ref {at.Reader})",
        ShapeKind.JsonNode => $"{Args}.ReadJsonNode(ref {at.Reader})!",
        ShapeKind.UserJson => $"global::System.Text.Json.JsonSerializer.Deserialize(ref {at.Reader}, {shape.UserJsonTypeInfo})!",
        ShapeKind.Nullable => $"({shape.TypeName}){Read(shapes[shape.ElementId!], at)}",
        ShapeKind.Enum => $"{jsonClass}.Read_{shape.Identifier}(ref {at.Reader})",
        // Objects and collections read members and items through McpMembers, which needs the JSON the reader reads;
        // the reader comes first, so that a member's JSON is taken after the member is positioned.
        _ => $"{jsonClass}.Read_{shape.Identifier}(ref {at.Reader}, {at.Json})",
    };

    /// <summary>Reads a usage: JSON null gives null when allowed, otherwise an error.</summary>
    public string ReadUsage(string typeId, bool nullable, ValueAt at)
    {
        var shape = shapes[typeId];
        bool allowsNull = nullable || shape.Kind == ShapeKind.Nullable;
        if (shape.Kind is ShapeKind.JsonElement) return Read(shape, at); // null is a JSON value like any other
        if (shape.Kind is ShapeKind.JsonNode) return allowsNull ? $"{Args}.ReadJsonNode(ref {at.Reader})" : $"({Args}.ReadJsonNode(ref {at.Reader}) ?? throw {Args}.NullNotAllowed())";
        // Every reader (McpArgs and the generated ones) answers a JSON null with "must not be null": a non-nullable
        // value needs no check of its own.
        if (!allowsNull && shape.Kind is not ShapeKind.UserJson) return Read(shape, at);
        string nullValue = allowsNull ? $"default({shape.TypeName}{(shape.IsValueType ? "" : "?")})" : $"throw {Args}.NullNotAllowed()";
        return $"{at.IsNull} ? {nullValue} : {Read(shape, at)}";
    }

    /// <summary>An expression converting the string <paramref name="value"/> (a prompt argument or template variable).</summary>
    public string Convert(string typeId, string value)
    {
        var shape = shapes[typeId];
        if (shape.Kind == ShapeKind.Nullable) return $"({shape.TypeName}){Convert(shape.ElementId!, value)}";
        return shape.Kind switch
        {
            ShapeKind.String => value,
            ShapeKind.Boolean => $"{Strings}.ToBoolean({value})",
            ShapeKind.Integer => $"({shape.TypeName}){Strings}.ToInteger({value}, {shape.IntegerMin.ToString(CultureInfo.InvariantCulture)}L, {shape.IntegerMax.ToString(CultureInfo.InvariantCulture)}L)",
            ShapeKind.UInt64 => $"{Strings}.ToUInt64({value})",
            ShapeKind.Number => shape.Id switch
            {
                "float" => $"{Strings}.ToSingle({value})",
                "decimal" => $"{Strings}.ToDecimal({value})",
                _ => $"{Strings}.ToDouble({value})",
            },
            ShapeKind.Char => $"{Strings}.ToChar({value})",
            ShapeKind.Guid => $"{Strings}.ToGuid({value})",
            ShapeKind.DateTime => $"{Strings}.ToDateTime({value})",
            ShapeKind.DateTimeOffset => $"{Strings}.ToDateTimeOffset({value})",
            ShapeKind.DateOnly => $"{Strings}.ToDateOnly({value})",
            ShapeKind.TimeOnly => $"{Strings}.ToTimeOnly({value})",
            ShapeKind.TimeSpan => $"{Strings}.ToTimeSpan({value})",
            ShapeKind.Uri => $"{Strings}.ToUri({value})",
            ShapeKind.Enum => $"{jsonClass}.Parse_{shape.Identifier}({value})",
            _ => $"throw new global::System.NotSupportedException()",
        };
    }

    /// <summary>Statements writing <paramref name="value"/> with writer <paramref name="w"/>.</summary>
    public void Write(SourceWriter sw, string typeId, bool nullable, string value, string w)
    {
        var shape = shapes[typeId];
        if (shape.Kind == ShapeKind.Nullable)
            sw.Line($"if ({value}.HasValue) {WriteNonNull(shapes[shape.ElementId!], value + ".Value", w)} else {w}.WriteNullValue();");
        else if (!shape.IsValueType && shape.Kind is not ShapeKind.JsonElement)
            sw.Line($"if ({value} is null) {w}.WriteNullValue(); else {WriteNonNull(shape, value, w)}");
        else
            sw.Line(WriteNonNull(shape, value, w));
    }

    private string WriteNonNull(TypeShape shape, string value, string w)
    {
        return shape.Kind switch
        {
            ShapeKind.Boolean => $"{w}.WriteBooleanValue({value});",
            ShapeKind.Integer or ShapeKind.UInt64 or ShapeKind.Number => $"{w}.WriteNumberValue({value});",
            ShapeKind.String => $"{w}.WriteStringValue({value});",
            ShapeKind.Char => $"{Values}.WriteChar({w}, {value});",
            ShapeKind.Guid or ShapeKind.DateTime or ShapeKind.DateTimeOffset => $"{w}.WriteStringValue({value});",
            ShapeKind.DateOnly => $"{Values}.WriteDateOnly({w}, {value});",
            ShapeKind.TimeOnly => $"{Values}.WriteTimeOnly({w}, {value});",
            ShapeKind.TimeSpan => $"{Values}.WriteTimeSpan({w}, {value});",
            ShapeKind.Uri => $"{w}.WriteStringValue({value}.OriginalString);",
            ShapeKind.Bytes => $"{w}.WriteBase64StringValue({value});",
            ShapeKind.JsonElement or ShapeKind.JsonNode => $"{value}.WriteTo({w});",
            ShapeKind.UserJson => $"global::System.Text.Json.JsonSerializer.Serialize({w}, {value}, {shape.UserJsonTypeInfo});",
            _ => $"{jsonClass}.Write_{shape.Identifier}({w}, {value});",
        };
    }

    /// <summary>Whether a value of this type has any check to make for these constraints.</summary>
    public bool HasChecks(string typeId, ConstraintSpec c) => Checks(typeId, c, "v").Count > 0;

    /// <summary>
    /// Statements that read member <paramref name="index"/> of the <c>McpMembers</c> <c>m</c> into the variable
    /// <paramref name="target"/> and check its constraints right away, while the member is the current one (so a failure
    /// is prefixed with its name). An absent optional member leaves <paramref name="absent"/>. With
    /// <paramref name="declareAs"/>, the first assignment declares the variable with that type.
    /// </summary>
    public void ReadChecked(SourceWriter sw, string target, string? declareAs, string typeId, bool nullable, ConstraintSpec c, int index, bool required, string absent, System.Func<ValueAt, string> read)
    {
        string first = declareAs is null ? target : declareAs + " " + target;
        if (required)
        {
            sw.Line($"{first} = {read(ValueAt.Required(index))};");
            Check(sw, typeId, nullable, c, target);
            return;
        }
        sw.Line($"{first} = {absent};");
        sw.Open($"if (m.Has({index}))");
        sw.Line($"{target} = {read(ValueAt.Member(index))};");
        Check(sw, typeId, nullable, c, target);
        sw.Close();
    }

    /// <summary>Statements that check a value against its DataAnnotations constraints (inside the binder's try).</summary>
    public void Check(SourceWriter sw, string typeId, bool nullable, ConstraintSpec c, string value)
    {
        var checks = Checks(typeId, c, value);
        if (checks.Count == 0) return;
        bool guard = shapes[typeId].Kind == ShapeKind.Nullable || nullable; // a non-nullable value is never null here: no guard, so flow analysis stays exact
        if (guard) sw.Open($"if ({value} is not null)");
        foreach (var check in checks) sw.Line(check);
        if (guard) sw.Close();
    }

    private List<string> Checks(string typeId, ConstraintSpec c, string value)
    {
        var checks = new List<string>();
        if (c.IsEmpty) return checks;
        var shape = shapes[typeId];
        bool nullableValue = shape.Kind == ShapeKind.Nullable;
        if (nullableValue) shape = shapes[shape.ElementId!];
        string v = nullableValue ? value + ".Value" : value;
        if (shape.Kind is ShapeKind.Integer or ShapeKind.UInt64 or ShapeKind.Number && (c.Minimum is not null || c.Maximum is not null))
            checks.Add($"{Constraints}.Range((double){v}, {c.Minimum ?? "double.MinValue"}, {c.Maximum ?? "double.MaxValue"});");
        if (shape.Kind == ShapeKind.String)
        {
            if (c.RequiredNonEmpty && c.MinLength is null) checks.Add($"if ({v}.Length == 0) throw {Args}.Invalid(\"must not be empty.\");");
            if (c.MinLength is not null || c.MaxLength is not null)
                checks.Add($"{Constraints}.Length({v}.Length, {c.MinLength ?? 0}, {c.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "int.MaxValue"}, \"characters\");");
            if (c.Pattern is not null) checks.Add($"{Constraints}.Pattern({v}, {CSharp.String(c.Pattern)});");
            if (c.Format == "email") checks.Add($"{Constraints}.Email({v});");
            if (c.Format == "uri") checks.Add($"{Constraints}.Url({v});");
        }
        if (shape.Kind == ShapeKind.Collection && (c.MinLength is not null || c.MaxLength is not null))
        {
            string count = shape.CollectionKind == CollectionKind.Array ? "Length" : "Count";
            checks.Add($"{Constraints}.Length({v}.{count}, {c.MinLength ?? 0}, {c.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "int.MaxValue"}, \"items\");");
        }
        if (c.AllowedJson.Count > 0 && Literal(shape, c.AllowedJson) is { } allowed)
            checks.Add($"if ({v} is not ({allowed})) throw {Constraints}.NotAllowed({CSharp.String(string.Join(", ", c.AllowedJson))});");
        if (c.DeniedJson.Count > 0 && Literal(shape, c.DeniedJson) is { } denied)
            checks.Add($"if ({v} is {denied}) throw {Constraints}.Denied();");
        return checks;
    }

    /// <summary>A C# pattern "a or b" of JSON literals for strings and numbers; null when the type cannot take them.</summary>
    private static string? Literal(TypeShape shape, EquatableArray<string> json)
    {
        var parts = new List<string>();
        foreach (var item in json)
        {
            if (item.StartsWith("\"", System.StringComparison.Ordinal) && shape.Kind == ShapeKind.String) parts.Add(item);
            else if (!item.StartsWith("\"", System.StringComparison.Ordinal) && item != "null" && shape.Kind is ShapeKind.Integer or ShapeKind.Number or ShapeKind.UInt64)
                parts.Add(shape.Id switch { "decimal" => item + "m", "float" => item + "f", "double" => item.Contains(".") ? item : item + ".0", _ => item });
            else return null;
        }
        return parts.Count == 0 ? null : string.Join(" or ", parts);
    }
}
