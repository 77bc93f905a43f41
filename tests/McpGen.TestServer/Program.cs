using McpGen;
using McpGen.Tests;

// Usage: McpGen.TestServer [grace-period-ms]
var options = new McpServerOptions { ServerInfo = new() { Name = "mcpgen-test-server", Version = "1.0.0" } };
if (args.Length > 0 && int.TryParse(args[0], out int graceMs)) options.ShutdownGracePeriod = TimeSpan.FromMilliseconds(graceMs);
options.Add(new TestRegistry().Build());
await McpServer.RunStdioAsync(options);
Console.Error.WriteLine("mcpgen-test-server: clean exit");
return 0;
