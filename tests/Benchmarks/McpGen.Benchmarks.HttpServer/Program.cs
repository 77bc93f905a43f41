using System.Text.Json;
using McpGen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: McpGen.Benchmarks.HttpServer URL (--stateful | --stateless | --bare)
//   --stateful   sessions, SSE responses (the default Streamable HTTP mode)
//   --stateless  no sessions, JSON responses (the mode for scale-out)
//   --bare       not MCP: a Kestrel endpoint that parses the body and returns canned JSON (the ceiling for this machine)
// Prints "Listening on URL/mcp" once it accepts connections.
string url = args.Length > 0 ? args[0] : "http://127.0.0.1:0";
string mode = args.Length > 1 ? args[1] : "--stateful";

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(url);
if (mode != "--bare")
{
    builder.Services.AddMcpServer(o =>
    {
        o.ServerInfo = new() { Name = "mcpgen-bench-http", Version = "1.0.0" };
        o.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);
    });
}
var app = builder.Build();
switch (mode)
{
    case "--stateful":
        app.MapMcp("/mcp");
        break;
    case "--stateless":
        app.MapMcp("/mcp", o => { o.Stateless = true; o.JsonResponses = true; });
        break;
    case "--bare":
        byte[] canned = """{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"3"}]}}"""u8.ToArray();
        app.MapPost("/mcp", async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(canned);
        });
        break;
    default:
        Console.Error.WriteLine("usage: McpGen.Benchmarks.HttpServer URL (--stateful | --stateless | --bare)");
        return 2;
}
await app.StartAsync();
foreach (var address in app.Urls) Console.WriteLine($"Listening on {address}/mcp");
await app.WaitForShutdownAsync();
return 0;
