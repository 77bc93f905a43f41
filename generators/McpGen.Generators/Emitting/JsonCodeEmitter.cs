using System.Collections.Generic;
using System.Linq;
using McpGen.Generators.Model;

namespace McpGen.Generators.Emitting;

/// <summary>
/// Emits the assembly's shared readers and writers (<c>GeneratedMcpJson</c>): one Read_/Write_ pair per enum,
/// collection, dictionary and object shape, made from the same <see cref="TypeShape"/> as its schema.
/// </summary>
internal static class JsonCodeEmitter
{
    public const string ClassName = "GeneratedMcpJson";

    /// <summary>The parameters of a reader of an object, collection or dictionary: the reader and the JSON it reads.</summary>
    private const string ReaderParameters = "ref global::System.Text.Json.Utf8JsonReader reader, global::System.ReadOnlySpan<byte> json";

    public static string Emit(AssemblyOptionsSpec options, IReadOnlyList<ShapeUse> uses)
    {
        var map = uses.ToDictionary(s => s.Shape.Id, s => s.Shape, System.StringComparer.Ordinal);
        var code = new ShapeCode(map, ClassName);
        var sw = new SourceWriter();
        Header.Write(sw);
        sw.Open($"namespace {options.RegistryNamespace}");
        sw.Line("/// <summary>Generated readers and writers for the types McpGen binds in this assembly.</summary>");
        sw.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"McpGen.Generators\", \"1.0\")]");
        sw.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        sw.Open($"internal static class {ClassName}");
        foreach (var use in uses.OrderBy(s => s.Shape.Identifier, System.StringComparer.Ordinal))
        {
            var shape = use.Shape;
            switch (shape.Kind)
            {
                case ShapeKind.Enum: EmitEnum(sw, use); break;
                case ShapeKind.Collection: EmitCollection(sw, use, code); break;
                case ShapeKind.Dictionary: EmitDictionary(sw, use, code); break;
                case ShapeKind.Object: EmitObject(sw, use, code, !options.AllowUnknownArguments); break;
            }
        }
        sw.Close();
        sw.Close();
        return sw.ToString();
    }

    private static void EmitEnum(SourceWriter sw, ShapeUse use)
    {
        var shape = use.Shape;
        string names = string.Join(", ", shape.EnumMembers.Select(m => "\\\"" + m.WireName.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\\\""));
        if (use.Read)
        {
            sw.Line();
            sw.Open($"public static {shape.TypeName} Read_{shape.Identifier}(ref global::System.Text.Json.Utf8JsonReader reader)");
            sw.Line($"if (reader.TokenType != {ShapeCode.JsonTokenType}.String) throw {ShapeCode.Args}.Expected(ref reader, \"one of {names}\");");
            foreach (var m in shape.EnumMembers)
                sw.Line($"if (reader.ValueTextEquals({CSharp.String(m.WireName)}u8)) return {shape.TypeName}.{m.ClrName};");
            sw.Line($"throw {ShapeCode.Args}.Invalid(\"must be one of {names}.\");");
            sw.Close();
        }
        if (use.Parse)
        {
            sw.Line();
            sw.Open($"public static {shape.TypeName} Parse_{shape.Identifier}(string value)");
            sw.Open("switch (value)");
            foreach (var m in shape.EnumMembers) sw.Line($"case {CSharp.String(m.WireName)}: return {shape.TypeName}.{m.ClrName};");
            sw.Line($"default: throw {ShapeCode.Args}.CannotConvert(value, \"one of {names}\");");
            sw.Close();
            sw.Close();
        }
        if (!use.Write) return;
        sw.Line();
        sw.Open($"public static void Write_{shape.Identifier}(global::System.Text.Json.Utf8JsonWriter writer, {shape.TypeName} value)");
        sw.Open("switch (value)");
        foreach (var m in shape.EnumMembers.GroupBy(m => m.ClrName).Select(g => g.First()))
            sw.Line($"case {shape.TypeName}.{m.ClrName}: writer.WriteStringValue({CSharp.String(m.WireName)}u8); break;");
        sw.Line("default: writer.WriteNumberValue((long)value); break;");
        sw.Close();
        sw.Close();
    }

    private static void EmitCollection(SourceWriter sw, ShapeUse use, ShapeCode code)
    {
        var shape = use.Shape;
        string element = shape.ElementTypeName!;
        bool elementNullable = shape.ElementNullable;
        if (use.Read)
        {
            sw.Line();
            sw.Open($"public static {shape.TypeName} Read_{shape.Identifier}({ReaderParameters})");
            sw.Line($"{ShapeCode.Args}.ExpectArray(ref reader);");
            string builder = shape.CollectionKind == CollectionKind.HashSet ? $"global::System.Collections.Generic.HashSet<{element}>" : $"global::System.Collections.Generic.List<{element}>";
            sw.Line($"var items = new {builder}();");
            sw.Line("int index = 0;");
            sw.Open($"while (reader.Read() && reader.TokenType != {ShapeCode.JsonTokenType}.EndArray)");
            if (shape.CollectionKind == CollectionKind.HashSet) // uniqueItems: a duplicate is an error, as the schema says
                sw.Line($"try {{ if (!items.Add({code.ReadUsage(shape.ElementId!, elementNullable, ValueAt.Item)})) throw {ShapeCode.Args}.Invalid(\"duplicates an earlier item (items must be unique).\"); }}");
            else
                sw.Line($"try {{ items.Add({code.ReadUsage(shape.ElementId!, elementNullable, ValueAt.Item)}); }}");
            sw.Line($"catch ({ShapeCode.InvalidParamsException} e) {{ throw {ShapeCode.InvalidParams}.Prepend(e, \"[\" + index.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \"]\"); }}");
            sw.Line("index++;");
            sw.Close();
            sw.Line(shape.CollectionKind == CollectionKind.Array ? "return items.ToArray();" : "return items;");
            sw.Close();
        }
        if (!use.Write) return;
        sw.Line();
        sw.Open($"public static void Write_{shape.Identifier}(global::System.Text.Json.Utf8JsonWriter writer, {shape.TypeName} value)");
        sw.Line("writer.WriteStartArray();");
        sw.Open("foreach (var item in value)");
        code.Write(sw, shape.ElementId!, elementNullable, "item", "writer");
        sw.Close();
        sw.Line("writer.WriteEndArray();");
        sw.Close();
    }

    private static void EmitDictionary(SourceWriter sw, ShapeUse use, ShapeCode code)
    {
        var shape = use.Shape;
        string element = shape.ElementTypeName!;
        bool elementNullable = shape.ElementNullable;
        if (use.Read)
        {
            sw.Line();
            sw.Open($"public static {shape.TypeName} Read_{shape.Identifier}({ReaderParameters})");
            sw.Line($"{ShapeCode.Args}.ExpectObject(ref reader);");
            sw.Line($"var items = new global::System.Collections.Generic.Dictionary<string, {element}>();");
            sw.Open($"while (reader.Read() && reader.TokenType == {ShapeCode.JsonTokenType}.PropertyName)");
            sw.Line("string key = reader.GetString()!;");
            sw.Line("reader.Read();");
            sw.Line($"try {{ items[key] = {code.ReadUsage(shape.ElementId!, elementNullable, ValueAt.Item)}; }}");
            sw.Line($"catch ({ShapeCode.InvalidParamsException} e) {{ throw {ShapeCode.InvalidParams}.Prepend(e, key); }}");
            sw.Close();
            sw.Line("return items;");
            sw.Close();
        }
        if (!use.Write) return;
        sw.Line();
        sw.Open($"public static void Write_{shape.Identifier}(global::System.Text.Json.Utf8JsonWriter writer, {shape.TypeName} value)");
        sw.Line("writer.WriteStartObject();");
        sw.Open("foreach (var pair in value)");
        sw.Line("writer.WritePropertyName(pair.Key);");
        code.Write(sw, shape.ElementId!, elementNullable, "pair.Value", "writer");
        sw.Close();
        sw.Line("writer.WriteEndObject();");
        sw.Close();
    }

    /// <summary>
    /// The member table of <c>McpMembers.Find</c>: the JSON names one after another as one UTF-8 literal, and their
    /// UTF-8 lengths as a string of one char each.
    /// </summary>
    internal static (string Names, string Lengths) MemberTable(IEnumerable<string> jsonNames)
    {
        var list = jsonNames.ToList();
        string lengths = "\"" + string.Concat(list.Select(n => "\\u" + System.Text.Encoding.UTF8.GetByteCount(n).ToString("x4", System.Globalization.CultureInfo.InvariantCulture))) + "\"";
        return (CSharp.String(string.Concat(list)) + "u8", lengths);
    }

    /// <summary>The runtime's member finder.</summary>
    internal const string Members = "global::McpGen.Binding.McpMembers";

    private static string InitAccessor(TypeShape shape, MemberShape m) => $"Init_{shape.Identifier}_{m.ClrName}";

    private static void EmitObject(SourceWriter sw, ShapeUse use, ShapeCode code, bool strict)
    {
        var shape = use.Shape;
        if (use.Read) EmitObjectReader(sw, shape, code, strict);
        if (use.Write) EmitObjectWriter(sw, shape, code);
    }

    private static void EmitObjectReader(SourceWriter sw, TypeShape shape, ShapeCode code, bool strict)
    {
        var readable = shape.Members.Where(m => m.CanSet || m.CtorIndex >= 0).ToList();
        sw.Line();
        sw.Open($"public static {shape.TypeName} Read_{shape.Identifier}({ReaderParameters})");
        // Find the members (McpMembers), then construct the object in one expression that reads each of them: no loop,
        // no switch, no presence flags. A member with constraints is read into a local first, where they are checked.
        var (names, lengths) = MemberTable(readable.Select(m => m.JsonName));
        sw.Line($"var m = {Members}.Find(ref reader, json, {names}, {lengths}, {(strict ? "true" : "false")});");
        if (readable.Count > 0) sw.Open("try");

        var value = new string[readable.Count];
        for (int i = 0; i < readable.Count; i++)
        {
            var m = readable[i];
            // What an absent member gives where it must be given (a constructor argument, an init-only member).
            string absent = m.Default is not null && !m.IsRequired ? CSharp.Default(m.Default) : "default!";
            if (code.HasChecks(m.TypeId, m.Constraints))
            {
                value[i] = $"v{i}";
                code.ReadChecked(sw, $"v{i}", m.TypeName, m.TypeId, m.IsNullable, m.Constraints, i, m.IsRequired, absent, at => code.ReadUsage(m.TypeId, m.IsNullable, at));
            }
            else if (m.IsRequired) value[i] = code.ReadUsage(m.TypeId, m.IsNullable, ValueAt.Required(i));
            else if (m.CtorIndex >= 0 || m.IsInitOnly && m.InitAccessorOwner is null) value[i] = $"m.Has({i}) ? {code.ReadUsage(m.TypeId, m.IsNullable, ValueAt.Member(i))} : {absent}";
            else value[i] = code.ReadUsage(m.TypeId, m.IsNullable, ValueAt.Member(i)); // assigned after construction, when present
        }

        // Construct: constructor parameters in order, then required and init-only members in the initializer, then the rest.
        // Properties of [JsonIgnore]d constructor parameters are never read: those parameters get their defaults.
        var ctorArgs = readable.Select((m, i) => (m.CtorIndex, Text: value[i])).Where(x => x.CtorIndex >= 0)
            .Concat(shape.FixedArguments.Select(f => (f.CtorIndex, Text: CSharp.Default(f.Default))))
            .OrderBy(x => x.CtorIndex).Select(x => x.Text);
        // Absent optional members are never assigned, so their initializers stand; init-only ones are set after
        // construction through their init accessor (InitAccessorOwner), which an object initializer cannot skip.
        var initializer = readable.Select((m, i) => (m, i)).Where(x => x.m.CtorIndex < 0 && (x.m.IsRequired || (x.m.IsInitOnly && x.m.InitAccessorOwner is null)))
            .Select(x => $"{x.m.ClrName} = {value[x.i]}").ToList();
        string init = initializer.Count > 0 ? " { " + string.Join(", ", initializer) + " }" : "";
        var after = new List<string>();
        for (int i = 0; i < readable.Count; i++)
        {
            var m = readable[i];
            if (m.CtorIndex >= 0 || m.IsRequired) continue;
            if (!m.IsInitOnly) after.Add($"if (m.Has({i})) result.{m.ClrName} = {value[i]};");
            else if (m.InitAccessorOwner is not null) after.Add($"if (m.Has({i})) {InitAccessor(shape, m)}({(shape.IsValueType ? "ref " : "")}result, {value[i]});");
        }
        string construct = $"new {shape.TypeName}({string.Join(", ", ctorArgs)}){init}";
        if (after.Count == 0) sw.Line($"return {construct};");
        else
        {
            sw.Line($"var result = {construct};");
            foreach (var line in after) sw.Line(line);
            sw.Line("return result;");
        }
        if (readable.Count > 0)
        {
            sw.Close();
            sw.Line($"catch ({ShapeCode.InvalidParamsException} e) {{ throw m.Prepend(e); }}");
        }
        sw.Close();
        foreach (var m in readable.Where(m => m.CtorIndex < 0 && !m.IsRequired && m.IsInitOnly && m.InitAccessorOwner is not null))
        {
            sw.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = \"set_{m.ClrName}\")]");
            sw.Line($"private static extern void {InitAccessor(shape, m)}({(shape.IsValueType ? "ref " : "")}{m.InitAccessorOwner} target, {m.TypeName} value);");
        }
    }

    private static void EmitObjectWriter(SourceWriter sw, TypeShape shape, ShapeCode code)
    {

        sw.Line();
        sw.Open($"public static void Write_{shape.Identifier}(global::System.Text.Json.Utf8JsonWriter writer, {shape.TypeName} value)");
        sw.Line("writer.WriteStartObject();");
        foreach (var m in shape.Members)
        {
            sw.Line($"writer.WritePropertyName({CSharp.String(m.JsonName)}u8);");
            code.Write(sw, m.TypeId, m.IsNullable, "value." + m.ClrName, "writer");
        }
        sw.Line("writer.WriteEndObject();");
        sw.Close();
    }
}
