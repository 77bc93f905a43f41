using McpGen;

// The agreement corpus: every tool echoes the values its generated binder produced, as structured content.
var options = new McpServerOptions { ServerInfo = new() { Name = "mcpgen-agreement-corpus", Version = "1.0.0" } };
options.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);
await McpServer.RunStdioAsync(options);
return 0;
