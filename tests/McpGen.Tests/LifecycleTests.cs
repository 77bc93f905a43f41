using System.Text.Json;

namespace McpGen.Tests;

public class LifecycleTests
{
    [Theory]
    [InlineData("2025-11-25", "2025-11-25")]
    [InlineData("2025-06-18", "2025-06-18")]
    [InlineData("2025-03-26", "2025-03-26")]
    [InlineData("2024-11-05", "2024-11-05")]
    [InlineData("2099-01-01", "2025-11-25")]
    [InlineData("garbage", "2025-11-25")]
    public async Task Initialize_negotiates_the_version(string requested, string expected)
    {
        var (client, _) = ServerFixture.Start();
        await using var _c = client;
        var result = await client.InitializeAsync(protocolVersion: requested);
        Assert.Equal(expected, result.GetProperty("protocolVersion").GetString());
    }

    [Fact]
    public async Task Initialize_reports_server_info_instructions_and_derived_capabilities()
    {
        var (client, _) = ServerFixture.Start();
        await using var _c = client;
        var result = await client.InitializeAsync();
        Assert.Equal("test-server", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal("9.9.9", result.GetProperty("serverInfo").GetProperty("version").GetString());
        Assert.Equal("Use the tools.", result.GetProperty("instructions").GetString());
        var caps = result.GetProperty("capabilities");
        Assert.True(caps.GetProperty("tools").GetProperty("listChanged").GetBoolean());
        Assert.True(caps.GetProperty("prompts").GetProperty("listChanged").GetBoolean());
        Assert.True(caps.GetProperty("resources").GetProperty("subscribe").GetBoolean());
        Assert.Equal(JsonValueKind.Object, caps.GetProperty("logging").ValueKind);
        Assert.Equal(JsonValueKind.Object, caps.GetProperty("completions").ValueKind);
        Assert.DoesNotContain("null", result.GetRawText());
    }

    [Fact]
    public async Task Capabilities_leave_out_what_is_not_registered()
    {
        var client = new InMemoryClient(new McpServer(new McpServerOptions()));
        await using var _c = client;
        var caps = (await client.InitializeAsync()).GetProperty("capabilities");
        Assert.False(caps.TryGetProperty("tools", out _));
        Assert.False(caps.TryGetProperty("prompts", out _));
        Assert.False(caps.TryGetProperty("resources", out _));
    }

    [Fact]
    public async Task Requests_before_initialize_are_refused_except_ping()
    {
        var (client, _) = ServerFixture.Start();
        await using var _c = client;
        var ping = await client.RequestAsync("ping");
        Assert.Equal("{}", ping.GetProperty("result").GetRawText());
        var list = await client.RequestAsync("tools/list");
        Assert.Equal(-32600, list.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("initialize", list.GetProperty("error").GetProperty("message").GetString());
        await client.InitializeAsync();
        Assert.True((await client.RequestAsync("tools/list")).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Initialize_params_are_validated()
    {
        var (client, _) = ServerFixture.Start();
        await using var _c = client;
        var r = await client.RequestAsync("initialize", new { capabilities = new { } });
        Assert.Equal(-32602, r.GetProperty("error").GetProperty("code").GetInt32());
        var r2 = await client.RequestAsync("initialize", new { protocolVersion = 5 });
        Assert.Equal(-32602, r2.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_second_initialize_is_refused_and_the_session_keeps_its_version()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var again = await client.RequestAsync("initialize", new { protocolVersion = "2025-06-18", capabilities = new { }, clientInfo = new { name = "x", version = "1" } });
        Assert.Equal(-32600, again.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("2025-11-25", client.Server.Sessions.Single().ProtocolVersion);
    }

    [Fact]
    public async Task Ping_answers_exactly_an_empty_object()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{}}""", (await client.RequestAsync("ping")).GetRawText());
    }

    [Fact]
    public async Task Input_end_finishes_requests_in_flight_then_returns()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "slow", arguments = new { ms = 300 } });
        await Task.Delay(50);
        await client.CloseInputAsync();
        var response = await client.WaitForResponseAsync(id);
        Assert.Equal("done", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Input_end_cancels_requests_still_running_after_the_grace_period()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync(configure: o => o.ShutdownGracePeriod = TimeSpan.FromMilliseconds(200));
        await using var _c = client;
        await client.SendRequestAsync("tools/call", new { name = "hang" });
        await Task.Delay(50);
        await client.CloseInputAsync();
        await registry.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
