using System.Text.Json;
using System.Text.Json.Nodes;
using McpGen.Testing;

namespace McpGen.Generators.Tests;

/// <summary>
/// Every generated schema is checked by an independent validator (ajv, JSON Schema 2020-12, strict): it compiles,
/// the arguments the binder accepts validate, and arguments it rejects for a constraint do not.
/// </summary>
public class SchemaValidationTests(EverythingFixture fixture) : IClassFixture<EverythingFixture>
{
    private static readonly (string Tool, string Arguments, bool Valid)[] Instances =
    [
        ("add", """{"a":40,"b":2}""", true),
        ("add", """{"a":1}""", false),
        ("add", """{"a":"1","b":2}""", false),
        ("add", """{"a":2147483648,"b":2}""", false),
        ("place_order", """{"request":{"customer":"ada","lines":[{"sku":"a","quantity":2}],"status":"in-transit"}}""", true),
        ("place_order", """{"request":{"customer":"ada","lines":[{"sku":"a","quantity":500}]}}""", false),
        ("place_order", """{"request":{"customer":"ada","lines":[],"status":"Lost"}}""", false),
        ("place_order", """{"request":{"customer":"ada","lines":[],"note":null,"priorities":[1,2]}}""", true),
        ("primitives", """{"flag":true,"i8":-8,"u8":8,"i16":-16,"u16":16,"i32":-32,"u32":32,"i64":-64,"u64":18446744073709551615,"f32":1.5,"f64":2.25,"dec":3.125,"ch":"x","text":"h","id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","when":"2025-11-25T10:30:00Z","whenOffset":"2025-11-25T10:30:00+02:00","day":"2025-11-25","time":"10:30:15","span":"P1DT2H3M4S","link":"https://example.com/a","data":"AQID","any":{"x":[1,2]},"node":{"y":"z"}}""", true),
        ("primitives", """{"flag":true,"i8":-800,"u8":8,"i16":-16,"u16":16,"i32":-32,"u32":32,"i64":-64,"u64":1,"f32":1.5,"f64":2.25,"dec":3.125,"ch":"xy","text":"h","id":"nope","when":"yesterday","whenOffset":"2025-11-25T10:30:00+02:00","day":"2025-11-25","time":"10:30:15","span":"P1D","link":"https://example.com","data":"AQID","any":1,"node":2}""", false),
        ("optional", """{}""", true),
        ("optional", """{"maybe":null,"count":null,"status":null}""", true),
        ("optional", """{"maybe":"x","count":3,"status":"Delivered","limit":5,"greeting":"yo","mode":"Pending"}""", true),
        ("validated", """{"level":5,"code":"abc","name":"anna","lower":"abc","email":"a@b.c","site":"https://x.y","color":"red","user":"ada","items":[1]}""", true),
        ("validated", """{"level":11,"code":"abc","name":"anna","lower":"abc","email":"a@b.c","site":"https://x.y","color":"red","user":"ada","items":[1]}""", false),
        ("validated", """{"level":5,"code":"abcdef","name":"anna","lower":"abc","email":"a@b.c","site":"https://x.y","color":"red","user":"ada","items":[1]}""", false),
        ("validated", """{"level":5,"code":"abc","name":"anna","lower":"ABC","email":"a@b.c","site":"https://x.y","color":"red","user":"ada","items":[1]}""", false),
        ("validated", """{"level":5,"code":"abc","name":"anna","lower":"abc","email":"a@b.c","site":"https://x.y","color":"blue","user":"ada","items":[1]}""", false),
        ("validated", """{"level":5,"code":"abc","name":"anna","lower":"abc","email":"a@b.c","site":"https://x.y","color":"red","user":"root","items":[1]}""", false),
        ("validated", """{"level":5,"code":"abc","name":"anna","lower":"abc","email":"a@b.c","site":"https://x.y","color":"red","user":"ada","items":[1,2,3,4]}""", false),
        ("collections", """{"list":["a"],"readOnly":[1],"sequence":[1.5],"bools":[true],"set":["x","y"],"map":{"k":1},"lines":{"l":{"sku":"s","quantity":3}},"nullableItems":["a",null]}""", true),
        ("collections", """{"list":["a",null],"readOnly":[1],"sequence":[1.5],"bools":[true],"set":["x"],"map":{},"lines":{},"nullableItems":[]}""", false),
        ("collections", """{"list":[],"readOnly":[],"sequence":[],"bools":[],"set":["x","x"],"map":{},"lines":{},"nullableItems":[]}""", false),
        ("tree", """{"root":{"name":"root","children":[{"name":"a","children":[{"name":"a1","children":[]}]}]}}""", true),
        ("tree", """{"root":{"name":"root","children":[{"children":[]}]}}""", false),
        ("configure", """{"settings":{"retries":1,"time_out":"PT30S","weights":{"a":0.5},"tags":["t"]},"origin":{"x":2.0,"y":1.0}}""", true),
        ("configure", """{"settings":{"weights":{"a":"heavy"}},"origin":{}}""", false),
        ("numbers", """{"count":3}""", true),
        ("custom.name-1", """{"value":"v"}""", true),
    ];

    [Fact]
    public async Task Every_generated_schema_is_valid_2020_12_and_agrees_with_the_binder()
    {
        var tools = (await fixture.Client.ResultAsync("tools/list")).GetProperty("tools").EnumerateArray().ToList();
        var cases = new JsonArray();
        foreach (var tool in tools)
        {
            string name = tool.GetProperty("name").GetString()!;
            var instances = new JsonArray();
            foreach (var (_, args, valid) in Instances.Where(i => i.Tool == name))
                instances.Add(new JsonObject { ["value"] = JsonNode.Parse(args), ["valid"] = valid });
            cases.Add(new JsonObject { ["name"] = name + " (input)", ["schema"] = JsonNode.Parse(tool.GetProperty("inputSchema").GetRawText()), ["instances"] = instances });
            if (tool.TryGetProperty("outputSchema", out var output))
                cases.Add(new JsonObject { ["name"] = name + " (output)", ["schema"] = JsonNode.Parse(output.GetRawText()), ["instances"] = new JsonArray() });
        }

        // What the binder says about each instance must match what the test expects, too.
        foreach (var (tool, args, valid) in Instances)
        {
            var response = await fixture.Client.RequestAsync("tools/call", new { name = tool, arguments = JsonDocument.Parse(args).RootElement });
            // A rejection is a tool error naming the argument (SEP-1303); a protocol error would be a different bug.
            Assert.False(response.TryGetProperty("error", out var protocolError), $"{tool} {args}: protocol error {protocolError}");
            bool bound = !(response.GetProperty("result").TryGetProperty("isError", out var isError) && isError.GetBoolean());
            Assert.True(bound == valid, $"binder {(bound ? "accepted" : "rejected")} {tool} {args}: {response.GetProperty("result").GetRawText()}");
        }

        string file = Path.Combine(Path.GetTempPath(), $"mcpgen-schemas-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, cases.ToJsonString());
        try
        {
            var results = JsonDocument.Parse(NodeRunner.Run("validate-schemas.mjs", file)).RootElement;
            Assert.Equal(cases.Count, results.GetArrayLength());
            foreach (var r in results.EnumerateArray())
            {
                string name = r.GetProperty("name").GetString()!;
                Assert.True(r.GetProperty("compiled").GetBoolean(), $"{name}: ajv rejected the schema: {(r.TryGetProperty("error", out var e) ? e.GetString() : "")}");
                foreach (var i in r.GetProperty("results").EnumerateArray())
                {
                    Assert.True(i.GetProperty("valid").GetBoolean() == i.GetProperty("expected").GetBoolean(),
                        $"{name} instance {i.GetProperty("index")}: ajv says {(i.GetProperty("valid").GetBoolean() ? "valid" : "invalid: " + i.GetProperty("errors").GetString())}");
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Structured_results_validate_against_their_output_schema()
    {
        var tools = (await fixture.Client.ResultAsync("tools/list")).GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var calls = new (string Tool, string Args)[]
        {
            ("place_order", """{"request":{"customer":"ada","lines":[{"sku":"a","quantity":2}]}}"""),
            ("tree", """{"root":{"name":"r","children":[{"name":"c","children":[]}]}}"""),
            ("configure", """{"settings":{"weights":{"a":1}},"origin":{"x":1,"y":2}}"""),
        };
        var cases = new JsonArray();
        foreach (var (tool, args) in calls)
        {
            var result = await fixture.Client.ResultAsync("tools/call", new { name = tool, arguments = JsonDocument.Parse(args).RootElement });
            cases.Add(new JsonObject
            {
                ["name"] = tool + " (output)",
                ["schema"] = JsonNode.Parse(tools[tool].GetProperty("outputSchema").GetRawText()),
                ["instances"] = new JsonArray { new JsonObject { ["value"] = JsonNode.Parse(result.GetProperty("structuredContent").GetRawText()), ["valid"] = true } },
            });
        }
        string file = Path.Combine(Path.GetTempPath(), $"mcpgen-output-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, cases.ToJsonString());
        try
        {
            foreach (var r in JsonDocument.Parse(NodeRunner.Run("validate-schemas.mjs", file)).RootElement.EnumerateArray())
            {
                Assert.True(r.GetProperty("compiled").GetBoolean(), r.GetRawText());
                Assert.All(r.GetProperty("results").EnumerateArray(), i => Assert.True(i.GetProperty("valid").GetBoolean(), r.GetProperty("name") + ": " + i.GetRawText()));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
