using McpGen;

// stdout carries JSON-RPC only: while the server runs, Console.Out goes to stderr.
var options = new McpServerOptions { ServerInfo = new() { Name = "MyMcpServer", Version = "0.1.0" } };
options.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);   // generated at compile time from the [McpTool] methods
await McpServer.RunStdioAsync(options);                        // serves until stdin ends or SIGTERM; exits 0
