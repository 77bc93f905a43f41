using McpGen;
using McpGen.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps MCP's Streamable HTTP transport.</summary>
public static class McpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the <see cref="McpServer"/> registered with <c>AddMcpServer</c> over Streamable HTTP at <paramref name="pattern"/>
    /// (POST, GET and DELETE). Returns the endpoint's builder, so <c>.RequireAuthorization()</c> and other conventions apply.
    /// </summary>
    /// <example>
    /// <code>
    /// var builder = WebApplication.CreateSlimBuilder(args);
    /// builder.Services.AddMcpServer().AddRegistry(GeneratedMcpRegistry.Instance);
    /// var app = builder.Build();
    /// app.MapMcp("/mcp");
    /// app.Run();
    /// </code>
    /// </example>
    public static IEndpointConventionBuilder MapMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp", Action<McpHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var server = endpoints.ServiceProvider.GetService<McpServer>()
            ?? throw new InvalidOperationException("No McpServer is registered: call services.AddMcpServer(...) before MapMcp.");
        var options = new McpHttpOptions();
        configure?.Invoke(options);
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("McpGen.AspNetCore") ?? NullLogger.Instance;
        var store = options.EventStore ?? new InMemoryMcpEventStore(options.MaxEventsPerStream, options.MaxCompletedStreamsPerSession);
        var sessions = new HttpSessionManager(server, options, store, logger);
        endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(() => sessions.DisposeAsync().AsTask().GetAwaiter().GetResult());
        var handler = new McpHttpHandler(server, options, sessions, logger);
        return endpoints.MapMethods(pattern, ["GET", "POST", "DELETE"], handler.HandleAsync);
    }
}
