using McpGen.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpGen;

/// <summary>Registers McpGen servers with <see cref="IServiceCollection"/> and the generic host.</summary>
public static class McpServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="McpServer"/> configured by <paramref name="configure"/>; its handlers resolve
    /// services from the container (a scope per request).
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "weather", Version = "1.0" })
    ///     .AddRegistry(GeneratedMcpRegistry.Instance)
    ///     .WithStdioTransport();
    /// </code>
    /// </example>
    public static IMcpServerBuilder AddMcpServer(this IServiceCollection services, Action<McpServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new McpServerOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(static sp => new McpServer(sp.GetRequiredService<McpServerOptions>(), sp, sp.GetService<ILoggerFactory>()));
        return new McpServerBuilder(services, options);
    }

    private sealed class McpServerBuilder(IServiceCollection services, McpServerOptions options) : IMcpServerBuilder
    {
        public IServiceCollection Services { get; } = services;

        public McpServerOptions Options { get; } = options;
    }
}

/// <summary>Configures the server added by <see cref="McpServiceCollectionExtensions.AddMcpServer"/>.</summary>
public interface IMcpServerBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>The server's options.</summary>
    McpServerOptions Options { get; }
}

/// <summary>Fluent configuration of <see cref="IMcpServerBuilder"/>.</summary>
public static class McpServerBuilderExtensions
{
    /// <summary>Serves the tools, prompts and resources of <paramref name="registry"/> (e.g. <c>GeneratedMcpRegistry.Instance</c>).</summary>
    public static IMcpServerBuilder AddRegistry(this IMcpServerBuilder builder, McpRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Options.Add(registry);
        return builder;
    }

    /// <summary>
    /// Serves over stdin/stdout as a hosted service; when stdin ends the application stops. Console output of
    /// handlers goes to stderr (configure logging to stderr too: the console logger writes to stdout by default).
    /// </summary>
    public static IMcpServerBuilder WithStdioTransport(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService(static sp => new StdioHostedService(sp.GetRequiredService<McpServer>(), sp.GetRequiredService<IHostApplicationLifetime>()));
        return builder;
    }

    private sealed class StdioHostedService(McpServer server, IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var stdin = Console.OpenStandardInput();
            var stdout = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            try
            {
                await StdioServerTransport.RunAsync(server, stdin, stdout, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                lifetime.StopApplication();
            }
        }
    }
}
