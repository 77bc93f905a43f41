using System.Text.Json;

namespace McpGen.Tests;

public class NotificationsTests
{
    [Fact]
    public async Task Progress_echoes_a_number_token_as_a_number_and_arrives_before_the_response()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "progress", _meta = new { progressToken = 17 } });
        await client.WaitForResponseAsync(id);
        var all = client.Received.ToList();
        int responseIndex = all.FindIndex(m => m.IsResponseTo(id));
        var progress = all.Select((m, i) => (m, i)).Where(x => x.m.IsMethod("notifications/progress")).ToList();
        Assert.Equal(4, progress.Count);
        Assert.All(progress, p => Assert.True(p.i < responseIndex));
        Assert.All(progress, p => Assert.Equal("17", p.m.GetProperty("params").GetProperty("progressToken").GetRawText()));
        Assert.Equal([1.0, 2.0, 3.0, 4.0], progress.Select(p => p.m.GetProperty("params").GetProperty("progress").GetDouble()));
        Assert.Equal("step 1", progress[0].m.GetProperty("params").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Progress_echoes_a_string_token_as_a_string()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "progress", _meta = new { progressToken = "tok-1" } });
        await client.WaitForResponseAsync(id);
        var first = client.Received.First(m => m.IsMethod("notifications/progress"));
        Assert.Equal("\"tok-1\"", first.GetProperty("params").GetProperty("progressToken").GetRawText());
    }

    [Fact]
    public async Task No_progress_without_a_token()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.ResultAsync("tools/call", new { name = "progress" });
        Assert.DoesNotContain(client.Received, m => m.IsMethod("notifications/progress"));
    }

    [Fact]
    public async Task Log_messages_are_filtered_by_the_level_the_client_sets()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        Assert.Equal("{}", (await client.ResultAsync("logging/setLevel", new { level = "warning" })).GetRawText());
        int id = await client.SendRequestAsync("tools/call", new { name = "log" });
        await client.WaitForResponseAsync(id);
        var levels = client.Received.Where(m => m.IsMethod("notifications/message")).Select(m => m.GetProperty("params").GetProperty("level").GetString()!).ToArray();
        Assert.Equal(["warning", "error", "critical", "alert", "emergency"], levels);
        var first = client.Received.First(m => m.IsMethod("notifications/message")).GetProperty("params");
        Assert.Equal("test", first.GetProperty("logger").GetString());
        Assert.Equal("at warning", first.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Default_log_level_is_info_until_set()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "log" });
        await client.WaitForResponseAsync(id);
        Assert.Equal(7, client.Received.Count(m => m.IsMethod("notifications/message")));
    }

    [Theory]
    [InlineData("\"verbose\"")]
    [InlineData("\"INFO\"")]
    [InlineData("3")]
    public async Task Unknown_log_levels_are_invalid_params(string level)
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":50,"method":"logging/setLevel","params":{"level":""" + level + "}}");
        Assert.Equal(-32602, (await client.WaitForResponseAsync(50)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Cancelled_notification_cancels_the_handler_and_no_response_is_sent()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "hang" });
        await Task.Delay(100);
        await client.NotifyAsync("notifications/cancelled", new { requestId = id, reason = "user gave up" });
        await registry.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _));
        await client.AssertNoMessageAsync(m => m.IsResponseTo(id), TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, client.Server.Sessions.Single().InFlightRequests);
    }

    [Fact]
    public async Task Cancelling_an_unknown_or_finished_request_is_harmless()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.NotifyAsync("notifications/cancelled", new { requestId = 12345 });
        await client.NotifyAsync("notifications/cancelled", new { });
        await client.SendRawAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":"oops"}""");
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Subscribed_clients_hear_about_updates_and_unsubscribed_ones_do_not()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        Assert.Equal("{}", (await client.ResultAsync("resources/subscribe", new { uri = "test://hello" })).GetRawText());
        await client.Server.NotifyResourceUpdatedAsync("test://hello");
        var update = await client.WaitForAsync(m => m.IsMethod("notifications/resources/updated"));
        Assert.Equal("test://hello", update.GetProperty("params").GetProperty("uri").GetString());
        await client.Server.NotifyResourceUpdatedAsync("test://other");
        Assert.Equal("{}", (await client.ResultAsync("resources/unsubscribe", new { uri = "test://hello" })).GetRawText());
        await client.Server.NotifyResourceUpdatedAsync("test://hello");
        await client.AssertNoMessageAsync(m => m.IsMethod("notifications/resources/updated") && !m.Equals(update), TimeSpan.FromMilliseconds(100));
        Assert.Single(client.Received, m => m.IsMethod("notifications/resources/updated"));
    }

    [Fact]
    public async Task Roots_list_changed_raises_the_session_event()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var raised = new TaskCompletionSource();
        client.Server.Sessions.Single().RootsListChanged += (_, _) => raised.TrySetResult();
        await client.NotifyAsync("notifications/roots/list_changed");
        await raised.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
