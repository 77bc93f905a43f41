using McpGen.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace McpGen.Tests;

public class HostingTests
{
    private sealed class Counter : IDisposable
    {
        private static int s_next;
        public int Id { get; } = Interlocked.Increment(ref s_next);
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public async Task AddMcpServer_builds_a_server_whose_handlers_get_a_scope_per_request()
    {
        var seen = new List<Counter>();
        var services = new ServiceCollection();
        services.AddScoped<Counter>();
        services.AddMcpServer(o => o.ServerInfo = new() { Name = "di", Version = "2" })
            .AddRegistry(new McpRegistryBuilder().Add(McpTool.Create("scoped", """{"type":"object"}""", (ctx, _) =>
            {
                var a = ctx.Services.GetRequiredService<Counter>();
                var b = ctx.Services.GetRequiredService<Counter>();
                Assert.Same(a, b);
                lock (seen) seen.Add(a);
                return new(CallToolResult.FromText(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }, description: "Uses a scoped service.")).Build());
        await using var provider = services.BuildServiceProvider();
        var server = provider.GetRequiredService<McpServer>();
        Assert.Same(server, provider.GetRequiredService<McpServer>());

        await using var client = new InMemoryClient(server);
        var init = await client.InitializeAsync();
        Assert.Equal("di", init.GetProperty("serverInfo").GetProperty("name").GetString());
        var first = (await client.ResultAsync("tools/call", new { name = "scoped" })).Text();
        var second = (await client.ResultAsync("tools/call", new { name = "scoped" })).Text();
        Assert.NotEqual(first, second);
        Assert.All(seen, c => Assert.True(c.Disposed, "the request scope was not disposed"));
    }

    [Fact]
    public async Task The_generic_host_serves_stdio_and_stops_when_stdin_ends()
    {
        await using var server = ChildServer.StartTestServer("--host");
        await server.SendAsync(ChildServer.Initialize);
        var init = await server.WaitForResponseAsync(1);
        Assert.Equal("mcpgen-test-host", init.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}""");
        Assert.Equal("5", (await server.WaitForResponseAsync(2)).GetProperty("result").Text());
        server.CloseInput();
        Assert.Equal(0, await server.WaitForExitAsync());
    }
}
