using Everything;
using McpGen;

// The conformance "everything" server.
// Usage: Everything [--stdio]             serve stdio (default)
//        Everything --http URL             serve Streamable HTTP at URL + /mcp (port 0 picks a free port; the address is printed)
//        Everything --http URL --stateless serve HTTP without sessions
static void Configure(McpServerOptions options)
{
    options.ServerInfo = new() { Name = "mcpgen-everything", Version = "1.0.0" };
    options.Instructions = "A test server exercising every MCP feature that McpGen supports.";
    options.Add(McpGen.Generated.GeneratedMcpRegistry.Instance); // the annotated methods of Tools, Prompts and Resources
    options.Add(HandWritten.Create());                           // the one tool whose schema is passed through verbatim
}

if (args.Length >= 2 && args[0] == "--http")
{
    await HttpHost.RunAsync(args[1], stateless: args.Contains("--stateless"), Configure);
    return 0;
}
if (args.Length >= 1 && args[0] != "--stdio")
{
    Console.Error.WriteLine($"Unknown arguments '{string.Join(' ', args)}'. Usage: Everything [--stdio] | --http URL [--stateless]");
    return 2;
}

var options = new McpServerOptions();
Configure(options);
await McpServer.RunStdioAsync(options);
return 0;
