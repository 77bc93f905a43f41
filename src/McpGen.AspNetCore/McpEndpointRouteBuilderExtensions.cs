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
        var store = options.EventStore ?? new InMemoryMcpEventStore(options.MaxEventsPerStream, options.MaxCompletedStreamsPerSession, options.MaxEventBytesPerSession, options.MaxEventBytes);
        var sessions = new HttpSessionManager(server, options, store, logger);
        endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(() => sessions.DisposeAsync().AsTask().GetAwaiter().GetResult());
        McpHttpAuthorization? authorization = null;
        if (options.Authorization is { } authorizationOptions)
        {
            authorization = new McpHttpAuthorization(authorizationOptions, server, pattern, logger);
            MapMetadata(endpoints, authorization.MetadataPath, authorization, options);
            if (RootMetadataMapped.TryAdd(endpoints, authorization)) MapMetadata(endpoints, McpHttpAuthorization.RootMetadataPath, authorization, options);
        }
        else if (server.AllRequiredScopes().Count > 0)
        {
            logger.LogWarning("MCP endpoint {Pattern} has no authorization configured, yet some primitives declare scopes; those scopes are not enforced for unauthenticated requests. Set McpHttpOptions.Authorization.", pattern);
        }
        var handler = new McpHttpHandler(server, options, sessions, logger, authorization);
        return endpoints.MapMethods(pattern, ["GET", "POST", "DELETE"], handler.HandleAsync);
    }

    // The root metadata document describes the first authorized endpoint of a route builder (RFC 9728 allows one per path).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEndpointRouteBuilder, McpHttpAuthorization> RootMetadataMapped = new();

    private static void MapMetadata(IEndpointRouteBuilder endpoints, string path, McpHttpAuthorization authorization, McpHttpOptions options)
    {
        endpoints.MapGet(path, context =>
        {
            if (HostValidation.Problem(context.Request, options.AllowedHosts) is not null)
            {
                context.Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }
            return authorization.WriteMetadataAsync(context);
        });
    }
}
