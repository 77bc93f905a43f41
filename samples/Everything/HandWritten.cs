using System.Text.Json;
using McpGen;
using McpGen.Protocol;

namespace Everything;

/// <summary>
/// What the annotation model cannot express: a tool whose input schema must be passed through verbatim
/// (<c>$schema</c>, <c>$defs</c>, <c>additionalProperties: false</c>), as the conformance suite checks.
/// </summary>
internal static class HandWritten
{
    public static McpRegistry Create() => new McpRegistryBuilder()
        .Add(McpTool.Create("json_schema_2020_12_tool",
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},"properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},"additionalProperties":false}""",
            static (_, args) => new(CallToolResult.FromText("JSON Schema 2020-12 tool called with: " + args.GetRawText())),
            description: "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)"))
        .Build();
}
