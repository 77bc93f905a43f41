using System.Text.Json;
using McpGen;
using McpGen.Protocol;

namespace Everything;

/// <summary>
/// What the annotation model cannot express: a tool whose input schema must be passed through verbatim
/// (<c>$schema</c>, <c>$defs</c> with an <c>$anchor</c>, <c>allOf</c>/<c>anyOf</c>, <c>if</c>/<c>then</c>/<c>else</c>,
/// <c>additionalProperties: false</c>), as the conformance suite checks (SEP-1613, SEP-2106).
/// </summary>
internal static class HandWritten
{
    public static McpRegistry Create() => new McpRegistryBuilder()
        .Add(McpTool.Create("json_schema_2020_12_tool",
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},"properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},"contactMethod":{"type":"string","enum":["phone","email"]},"phone":{"type":"string"},"email":{"type":"string"}},"allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],"if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},"then":{"required":["phone"]},"else":{"required":["email"]},"additionalProperties":false}""",

            static (_, args) => new(CallToolResult.FromText("JSON Schema 2020-12 tool called with: " + args.GetRawText())),
            description: "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)"))
        .Add(McpTool.Create("test_header_parameters",
            """{"type":"object","properties":{"region":{"type":"string","description":"Where to run (mirrored into Mcp-Param-Region)","x-mcp-header":"Region"},"shard":{"type":"integer","description":"Shard number (mirrored into Mcp-Param-Shard)","x-mcp-header":"Shard"},"query":{"type":"string","description":"What to run"}},"required":["region","query"]}""",
            static (_, args) => new(CallToolResult.FromText($"ran '{args.GetProperty("query").GetString()}' in {args.GetProperty("region").GetString()}")),
            description: "Tool whose parameters are mirrored into HTTP headers (x-mcp-header, SEP-2243)"))
        .Build();
}
