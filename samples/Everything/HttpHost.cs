using McpGen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everything;

/// <summary>Streamable HTTP hosting on Kestrel with the slim builder (native AOT friendly).</summary>
internal static class HttpHost
{
    public static async Task RunAsync(string url, bool stateless, Action<McpServerOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.Services.AddMcpServer(configure);
        var app = builder.Build();
        app.MapMcp("/mcp", o => o.Stateless = stateless);
        await app.StartAsync();
        foreach (var address in app.Urls) Console.WriteLine($"Listening on {address}/mcp");
        await app.WaitForShutdownAsync();
    }
}
