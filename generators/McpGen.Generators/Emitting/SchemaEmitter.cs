using System.Collections.Generic;
using System.Linq;
using System.Text;
using McpGen.Generators.Model;

namespace McpGen.Generators.Emitting;

/// <summary>
/// Renders JSON Schema (2020-12) text from <see cref="TypeShape"/>s at generation time. Object types that take part
/// in a cycle go to <c>$defs</c> and are referenced with <c>$ref</c>; everything else is inlined.
/// </summary>
internal sealed class SchemaEmitter
{
    private readonly IReadOnlyDictionary<string, TypeShape> _shapes;
    private readonly bool _forOutput;
    private readonly bool _closed;
    private readonly HashSet<string> _recursive;
    private readonly Dictionary<string, string> _defNames = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _defs = new(System.StringComparer.Ordinal);

    /// <param name="shapes">The shapes by id.</param>
    /// <param name="forOutput">An output schema: every member is written (and required), defaults are not stated.</param>
    /// <param name="closed">Input objects take no other properties (<c>additionalProperties: false</c>), as strict binders check.</param>
    public SchemaEmitter(IReadOnlyDictionary<string, TypeShape> shapes, bool forOutput, bool closed = false)
    {
        _shapes = shapes;
        _forOutput = forOutput;
        _closed = closed && !forOutput;
        _recursive = FindRecursive(shapes);
    }

    /// <summary>A value's usage: where it appears, with its own description, default and constraints.</summary>
    public sealed record Usage(string TypeId, bool Nullable, string? Description, DefaultSpec? Default, ConstraintSpec Constraints, string? Header = null);

    /// <summary>The schema of an object built from named properties (a tool's parameters), with $defs when needed.</summary>
    public string ObjectSchema(IEnumerable<(string Name, Usage Usage, bool Required)> properties, string? description = null)
    {
        var obj = new JsonObj();
        obj.Add("type", "\"object\"");
        if (description is not null) obj.Add("description", JsonText.String(description));
        var props = new JsonObj();
        var required = new List<string>();
        foreach (var (name, usage, isRequired) in properties)
        {
            props.Add(name, ValueSchema(usage));
            if (isRequired) required.Add(JsonText.String(name));
        }
        obj.Add("properties", props.ToString());
        if (required.Count > 0) obj.Add("required", "[" + string.Join(",", required) + "]");
        if (_closed) obj.Add("additionalProperties", "false");
        AddDefs(obj);
        return obj.ToString();
    }

    /// <summary>The schema of an object type used as a whole document (an output schema); the root is always inline.</summary>
    public string RootObjectSchema(string typeId)
    {
        var shape = _shapes[typeId];
        var obj = ObjectBody(shape);
        AddDefs(obj);
        return obj.ToString();
    }

    private void AddDefs(JsonObj obj)
    {
        // Definitions may reference other definitions: keep going until every referenced one is written.
        int count;
        do
        {
            count = _defs.Count;
            foreach (var id in _defNames.Keys.ToList())
            {
                string name = _defNames[id];
                if (!_defs.ContainsKey(name)) _defs[name] = ObjectBody(_shapes[id]).ToString();
            }
        } while (_defs.Count != count);
        if (_defs.Count == 0) return;
        var defs = new JsonObj();
        foreach (var kv in _defs) defs.Add(kv.Key, kv.Value);
        obj.Add("$defs", defs.ToString());
    }

    /// <summary>The language of TimeSpan values; the runtime's IsoDuration.Pattern (a test checks they are equal).</summary>
    public const string DurationPattern = "^-?P(?:[0-9]+W|(?=[0-9]|T[0-9])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]{1,7})?S)?)?)$";

    public const string TimeOfDayPattern = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,7})?)?$";

    public string ValueSchema(Usage usage)
    {
        var shape = _shapes[usage.TypeId];
        bool nullable = usage.Nullable;
        if (shape.Kind == ShapeKind.Nullable)
        {
            nullable = true;
            shape = _shapes[shape.ElementId!];
        }

        JsonObj schema;
        if (shape.Kind == ShapeKind.Object && _recursive.Contains(shape.Id))
        {
            schema = new JsonObj();
            schema.Add("$ref", JsonText.String("#/$defs/" + DefName(shape)));
            if (nullable)
            {
                var any = new JsonObj();
                any.Add("anyOf", "[" + schema + ",{\"type\":\"null\"}]");
                schema = any;
            }
        }
        else
        {
            schema = TypeBody(shape, usage.Constraints);
            if (nullable) MakeNullable(schema, shape);
        }

        string? description = usage.Description ?? (shape.Kind is ShapeKind.Enum ? shape.Description : null);
        if (description is not null) schema.Insert(0, "description", JsonText.String(description));
        if (usage.Default is not null && DefaultJson(usage.Default, shape) is { } defaultJson) schema.Add("default", defaultJson);
        if (usage.Header is not null) schema.Add("x-mcp-header", JsonText.String(usage.Header));
        return schema.ToString();
    }

    /// <summary>The JSON of a default value, or null when the schema cannot state it.</summary>
    private static string? DefaultJson(DefaultSpec d, TypeShape shape) => d.Kind switch
    {
        DefaultKind.Null => "null",
        DefaultKind.String or DefaultKind.Char => JsonText.String(d.Value!),
        DefaultKind.Boolean or DefaultKind.Number => d.Value,
        DefaultKind.EnumMember => shape.EnumMembers.FirstOrDefault(m => m.ClrName == d.Value) is { } member ? JsonText.String(member.WireName) : null,
        _ => null,
    };

    private JsonObj TypeBody(TypeShape shape, ConstraintSpec constraints)
    {
        var s = new JsonObj();
        switch (shape.Kind)
        {
            case ShapeKind.Boolean: s.Add("type", "\"boolean\""); break;
            case ShapeKind.Integer:
                s.Add("type", "\"integer\"");
                s.Add("minimum", constraints.Minimum ?? shape.IntegerMin.ToString(System.Globalization.CultureInfo.InvariantCulture));
                s.Add("maximum", constraints.Maximum ?? shape.IntegerMax.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ShapeKind.UInt64:
                s.Add("type", "\"integer\"");
                s.Add("minimum", constraints.Minimum ?? "0");
                s.Add("maximum", constraints.Maximum ?? "18446744073709551615");
                break;
            case ShapeKind.Number:
                s.Add("type", "\"number\"");
                // float and decimal refuse numbers beyond their range (double takes every finite JSON number): say so.
                string? limit = shape.Id switch { "float" => "3.4028234663852886E+38", "decimal" => "79228162514264337593543950335", _ => null };
                if ((constraints.Minimum ?? (limit is null ? null : "-" + limit)) is { } minimum) s.Add("minimum", minimum);
                if ((constraints.Maximum ?? limit) is { } maximum) s.Add("maximum", maximum);
                break;
            case ShapeKind.String:
                s.Add("type", "\"string\"");
                StringConstraints(s, constraints);
                break;
            case ShapeKind.Char: s.Add("type", "\"string\""); s.Add("minLength", "1"); s.Add("maxLength", "1"); break;
            case ShapeKind.Guid: s.Add("type", "\"string\""); s.Add("format", "\"uuid\""); break;
            case ShapeKind.DateTime:
            case ShapeKind.DateTimeOffset: s.Add("type", "\"string\""); s.Add("format", "\"date-time\""); break;
            case ShapeKind.DateOnly: s.Add("type", "\"string\""); s.Add("format", "\"date\""); break;
            // JSON Schema's "time" format is RFC 3339 full-time, which requires a UTC offset that a TimeOnly does not
            // have: a pattern states exactly what the binder accepts and the writer produces.
            case ShapeKind.TimeOnly: s.Add("type", "\"string\""); s.Add("pattern", JsonText.String(TimeOfDayPattern)); break;
            // JSON Schema's "duration" format allows years, months and a week form a TimeSpan cannot hold exactly, and
            // no sign or fraction that a TimeSpan may have: a pattern states the one language binder and writer use.
            case ShapeKind.TimeSpan: s.Add("type", "\"string\""); s.Add("pattern", JsonText.String(DurationPattern)); break;
            case ShapeKind.Uri: s.Add("type", "\"string\""); s.Add("format", "\"uri\""); break;
            case ShapeKind.Bytes: s.Add("type", "\"string\""); s.Add("contentEncoding", "\"base64\""); break;
            case ShapeKind.JsonElement:
            case ShapeKind.JsonNode:
            case ShapeKind.UserJson:
                break; // any JSON value
            case ShapeKind.Enum:
                s.Add("type", "\"string\"");
                s.Add("enum", "[" + string.Join(",", shape.EnumMembers.Select(m => JsonText.String(m.WireName))) + "]");
                break;
            case ShapeKind.Collection:
                s.Add("type", "\"array\"");
                s.Add("items", ValueSchema(new Usage(shape.ElementId!, shape.ElementNullable, null, null, ConstraintSpec.None)));
                if (shape.UniqueItems) s.Add("uniqueItems", "true");
                if (constraints.MinLength is int minItems) s.Add("minItems", minItems.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (constraints.MaxLength is int maxItems) s.Add("maxItems", maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ShapeKind.Dictionary:
                s.Add("type", "\"object\"");
                s.Add("additionalProperties", ValueSchema(new Usage(shape.ElementId!, shape.ElementNullable, null, null, ConstraintSpec.None)));
                break;
            case ShapeKind.Object:
                return ObjectBody(shape);
        }
        if (constraints.AllowedJson.Count > 0) s.Add("enum", "[" + string.Join(",", constraints.AllowedJson) + "]");
        if (constraints.DeniedJson.Count > 0) s.Add("not", "{\"enum\":[" + string.Join(",", constraints.DeniedJson) + "]}");
        return s;
    }

    private static void StringConstraints(JsonObj s, ConstraintSpec c)
    {
        int? minLength = c.MinLength ?? (c.RequiredNonEmpty ? 1 : null);
        if (minLength is int min) s.Add("minLength", min.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (c.MaxLength is int max) s.Add("maxLength", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // [RegularExpression] means a whole-value match; JSON Schema's pattern matches anywhere: anchor it.
        if (c.Pattern is not null) s.Add("pattern", JsonText.String("^(?:" + c.Pattern + ")$"));
        if (c.Format is not null) s.Add("format", JsonText.String(c.Format));
    }

    private JsonObj ObjectBody(TypeShape shape)
    {
        var s = new JsonObj();
        s.Add("type", "\"object\"");
        if (shape.Description is not null) s.Add("description", JsonText.String(shape.Description));
        var props = new JsonObj();
        var required = new List<string>();
        foreach (var m in shape.Members)
        {
            if (!_forOutput && !m.CanSet && m.CtorIndex < 0) continue; // read-only: never bound
            props.Add(m.JsonName, ValueSchema(new Usage(m.TypeId, m.IsNullable, m.Description, _forOutput ? null : m.Default, m.Constraints)));
            if (_forOutput || m.IsRequired) required.Add(JsonText.String(m.JsonName));
        }
        s.Add("properties", props.ToString());
        if (required.Count > 0) s.Add("required", "[" + string.Join(",", required) + "]");
        if (_closed) s.Add("additionalProperties", "false");
        return s;
    }

    private static void MakeNullable(JsonObj schema, TypeShape shape)
    {
        string? type = schema.Get("type");
        if (type is null) return; // any value already allows null
        schema.Set("type", "[" + type + ",\"null\"]");
        if (schema.Get("enum") is string e && shape.Kind == ShapeKind.Enum) schema.Set("enum", e.Substring(0, e.Length - 1) + ",null]");
    }

    private string DefName(TypeShape shape)
    {
        if (_defNames.TryGetValue(shape.Id, out var existing)) return existing;
        string name = shape.SchemaName;
        int n = 2;
        while (_defNames.ContainsValue(name)) name = shape.SchemaName + n++;
        _defNames[shape.Id] = name;
        return name;
    }

    private static HashSet<string> FindRecursive(IReadOnlyDictionary<string, TypeShape> shapes)
    {
        var result = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var shape in shapes.Values)
        {
            if (shape.Kind != ShapeKind.Object) continue;
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var stack = new Stack<string>(Children(shape));
            while (stack.Count > 0)
            {
                string id = stack.Pop();
                if (id == shape.Id) { result.Add(shape.Id); break; }
                if (!seen.Add(id) || !shapes.TryGetValue(id, out var next)) continue;
                foreach (var child in Children(next)) stack.Push(child);
            }
        }
        return result;
    }

    private static IEnumerable<string> Children(TypeShape shape)
    {
        if (shape.ElementId is not null) yield return shape.ElementId;
        foreach (var m in shape.Members) yield return m.TypeId;
    }

    /// <summary>A JSON object being built, with members kept in insertion order and values as raw JSON.</summary>
    private sealed class JsonObj
    {
        private readonly List<KeyValuePair<string, string>> _members = new();

        public void Add(string key, string rawJson) => _members.Add(new(key, rawJson));

        public void Insert(int index, string key, string rawJson) => _members.Insert(index, new(key, rawJson));

        public string? Get(string key) => _members.FirstOrDefault(m => m.Key == key).Value;

        public void Set(string key, string rawJson)
        {
            int i = _members.FindIndex(m => m.Key == key);
            if (i >= 0) _members[i] = new(key, rawJson);
            else Add(key, rawJson);
        }

        public override string ToString()
        {
            var sb = new StringBuilder("{");
            for (int i = 0; i < _members.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(JsonText.String(_members[i].Key)).Append(':').Append(_members[i].Value);
            }
            return sb.Append('}').ToString();
        }
    }
}
