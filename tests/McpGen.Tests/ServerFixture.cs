namespace McpGen.Tests;

/// <summary>Creates a server with the test registry and an in-memory client connected to it.</summary>
internal static class ServerFixture
{
    public static (InMemoryClient Client, TestRegistry Registry) Start(Action<McpServerOptions>? configure = null)
    {
        var registry = new TestRegistry();
        var options = new McpServerOptions { ServerInfo = new() { Name = "test-server", Version = "9.9.9" }, Instructions = "Use the tools." };
        options.Add(registry.Build());
        configure?.Invoke(options);
        return (new InMemoryClient(new McpServer(options)), registry);
    }

    public static async Task<(InMemoryClient Client, TestRegistry Registry)> StartInitializedAsync(object? capabilities = null, Action<McpServerOptions>? configure = null)
    {
        var (client, registry) = Start(configure);
        await client.InitializeAsync(capabilities);
        return (client, registry);
    }
}
