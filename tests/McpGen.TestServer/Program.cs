using McpGen;
using McpGen.Tests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: McpGen.TestServer [grace-period-ms] [--page-size N] | --host
if (args.Length > 0 && args[0] == "--host")
{
    // The generic host with dependency injection, as an application would write it.
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "mcpgen-test-host", Version = "1.0.0" })
        .AddRegistry(new TestRegistry().Build())
        .WithStdioTransport();
    await builder.Build().RunAsync();
    return 0;
}

var options = new McpServerOptions { ServerInfo = new() { Name = "mcpgen-test-server", Version = "1.0.0" } };
if (args.Length > 0 && int.TryParse(args[0], out int graceMs)) options.ShutdownGracePeriod = TimeSpan.FromMilliseconds(graceMs);
if (Array.IndexOf(args, "--page-size") is int at and >= 0 && at + 1 < args.Length) options.PageSize = int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture);
options.Add(new TestRegistry().Build());
await McpServer.RunStdioAsync(options);
Console.Error.WriteLine("mcpgen-test-server: clean exit");
return 0;
