using Everything;
using McpGen;

// The conformance "everything" server. Usage: Everything [--stdio] | [--http URL]
var options = new McpServerOptions
{
    ServerInfo = new() { Name = "mcpgen-everything", Version = "1.0.0" },
    Instructions = "A test server exercising every MCP feature that McpGen supports.",
};
options.Add(McpGen.Generated.GeneratedMcpRegistry.Instance); // the annotated methods of Tools, Prompts and Resources
options.Add(HandWritten.Create());                           // the one tool whose schema is passed through verbatim

if (args.Length >= 1 && args[0] == "--http")
{
    Console.Error.WriteLine("--http is not available yet in this build: Streamable HTTP lands with McpGen.AspNetCore.");
    return 2;
}
if (args.Length >= 1 && args[0] != "--stdio")
{
    Console.Error.WriteLine($"Unknown argument '{args[0]}'. Usage: Everything [--stdio] | [--http URL]");
    return 2;
}

await McpServer.RunStdioAsync(options);
return 0;
