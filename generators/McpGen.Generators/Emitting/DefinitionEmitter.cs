using System.Collections.Generic;
using System.Linq;
using System.Text;
using McpGen.Generators.Model;

namespace McpGen.Generators.Emitting;

/// <summary>
/// Renders a primitive's list entry (<c>tools/list</c>, <c>prompts/list</c>, <c>resources/list</c>,
/// <c>resources/templates/list</c>) and a tool's schemas from its <see cref="MethodSpec"/>.
/// </summary>
internal static class DefinitionEmitter
{
    /// <summary>A tool's input schema: an object of its arguments.</summary>
    public static string InputSchema(MethodSpec m, bool closed)
    {
        var shapes = m.Shapes.ToDictionary(s => s.Id, System.StringComparer.Ordinal);
        return new SchemaEmitter(shapes, forOutput: false, closed).ObjectSchema(Arguments(m).Select(p =>
            (p.JsonName, new SchemaEmitter.Usage(p.TypeId!, p.IsNullable, p.Description, p.Default, p.Constraints, p.HeaderName), IsRequired(p))));
    }

    /// <summary>
    /// A tool's output schema, or null when it returns no structured object, or may return null (MCP's output schema is
    /// an object schema, so a nullable return declares none).
    /// </summary>
    public static string? OutputSchema(MethodSpec m)
    {
        if (m.Return.Kind != ReturnKind.Structured || m.Return.IsNullable) return null;
        var shapes = m.Shapes.ToDictionary(s => s.Id, System.StringComparer.Ordinal);
        return new SchemaEmitter(shapes, forOutput: true).RootObjectSchema(m.Return.TypeId!);
    }

    /// <summary>The whole list entry of the primitive.</summary>
    public static string Definition(MethodSpec m, bool closed) => m.Kind switch
    {
        PrimitiveKind.Tool => Tool(m, InputSchema(m, closed), OutputSchema(m)),
        PrimitiveKind.Prompt => Prompt(m),
        PrimitiveKind.Resource => Resource(m, "uri"),
        _ => Resource(m, "uriTemplate"),
    };

    public static bool IsRequired(ParameterSpec p) => !p.IsOptional && !p.IsNullable;

    private static IEnumerable<ParameterSpec> Arguments(MethodSpec m) => m.Parameters.Where(p => p.Kind == ParameterKind.Argument);

    public static string Tool(MethodSpec m, string inputSchema, string? outputSchema)
    {
        var sb = new StringBuilder("{");
        sb.Append("\"name\":").Append(JsonText.String(m.Name));
        if (m.Title is not null) sb.Append(",\"title\":").Append(JsonText.String(m.Title));
        if (m.Description is not null) sb.Append(",\"description\":").Append(JsonText.String(m.Description));
        sb.Append(",\"inputSchema\":").Append(inputSchema);
        if (outputSchema is not null) sb.Append(",\"outputSchema\":").Append(outputSchema);
        var hints = new List<string>();
        if (m.ReadOnlyHint is not null) hints.Add("\"readOnlyHint\":" + m.ReadOnlyHint);
        if (m.DestructiveHint is not null) hints.Add("\"destructiveHint\":" + m.DestructiveHint);
        if (m.IdempotentHint is not null) hints.Add("\"idempotentHint\":" + m.IdempotentHint);
        if (m.OpenWorldHint is not null) hints.Add("\"openWorldHint\":" + m.OpenWorldHint);
        if (hints.Count > 0) sb.Append(",\"annotations\":{").Append(string.Join(",", hints)).Append('}');
        AppendIcons(sb, m.Icons);
        return sb.Append('}').ToString();
    }

    private static string Prompt(MethodSpec m)
    {
        var sb = new StringBuilder("{");
        sb.Append("\"name\":").Append(JsonText.String(m.Name));
        if (m.Title is not null) sb.Append(",\"title\":").Append(JsonText.String(m.Title));
        if (m.Description is not null) sb.Append(",\"description\":").Append(JsonText.String(m.Description));
        var arguments = Arguments(m).ToList();
        if (arguments.Count > 0)
        {
            sb.Append(",\"arguments\":[");
            for (int i = 0; i < arguments.Count; i++)
            {
                var a = arguments[i];
                if (i > 0) sb.Append(',');
                sb.Append("{\"name\":").Append(JsonText.String(a.JsonName));
                if (a.Description is not null) sb.Append(",\"description\":").Append(JsonText.String(a.Description));
                sb.Append(",\"required\":").Append(IsRequired(a) ? "true" : "false").Append('}');
            }
            sb.Append(']');
        }
        AppendIcons(sb, m.Icons);
        return sb.Append('}').ToString();
    }

    private static string Resource(MethodSpec m, string uriKey)
    {
        var sb = new StringBuilder("{");
        sb.Append('"').Append(uriKey).Append("\":").Append(JsonText.String(m.Uri!));
        sb.Append(",\"name\":").Append(JsonText.String(m.Name));
        if (m.Title is not null) sb.Append(",\"title\":").Append(JsonText.String(m.Title));
        if (m.Description is not null) sb.Append(",\"description\":").Append(JsonText.String(m.Description));
        if (m.MimeType is not null) sb.Append(",\"mimeType\":").Append(JsonText.String(m.MimeType));
        AppendIcons(sb, m.Icons);
        return sb.Append('}').ToString();
    }

    private static void AppendIcons(StringBuilder sb, EquatableArray<string> icons)
    {
        if (icons.Count == 0) return;
        sb.Append(",\"icons\":[").Append(string.Join(",", icons.Select(i => "{\"src\":" + JsonText.String(i) + "}"))).Append(']');
    }
}
