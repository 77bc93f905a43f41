using McpGen;

// Usage: McpGen.Benchmarks.Server [--stdio]
var options = new McpServerOptions { ServerInfo = new() { Name = "mcpgen-bench", Version = "1.0.0" } };
options.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);
await McpServer.RunStdioAsync(options);
