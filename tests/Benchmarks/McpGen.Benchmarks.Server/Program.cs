using McpGen;
using McpGen.Benchmarks.Server;

// Usage: McpGen.Benchmarks.Server [--stdio]
var options = new McpServerOptions { ServerInfo = new() { Name = "mcpgen-bench", Version = "1.0.0" } };
options.Add(BenchRegistry.Create());
await McpServer.RunStdioAsync(options);
