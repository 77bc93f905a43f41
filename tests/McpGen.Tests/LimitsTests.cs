namespace McpGen.Tests;

public class LimitsTests
{
    [Fact]
    public async Task In_flight_requests_beyond_the_cap_are_refused_and_slots_free_up()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync(configure: o => o.MaxInFlightRequestsPerSession = 3);
        await using var _c = client;
        var ids = new List<int>();
        for (int i = 0; i < 3; i++) ids.Add(await client.SendRequestAsync("tools/call", new { name = "wait" }));
        await TestWait.UntilAsync(() => client.Server.Sessions.Single().InFlightRequests == 3);
        var refused = await client.RequestAsync("tools/call", new { name = "add", arguments = new { a = 1, b = 1 } });
        Assert.Equal(-32000, refused.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("limit is 3", refused.GetProperty("error").GetProperty("message").GetString());
        registry.Gate.SetResult();
        foreach (int id in ids) Assert.Equal("released", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
        Assert.Equal("2", (await client.ResultAsync("tools/call", new { name = "add", arguments = new { a = 1, b = 1 } })).Text());
    }

    [Fact]
    public async Task Many_concurrent_requests_are_each_answered_once()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var ids = new List<int>();
        for (int i = 0; i < 500; i++) ids.Add(await client.SendRequestAsync("tools/call", new { name = "add", arguments = new { a = i, b = 1 } }));
        foreach (int id in ids) await client.WaitForResponseAsync(id);
        var responses = client.Received.Where(m => m.TryGetProperty("result", out _)).Select(m => m.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(responses.Count, responses.Distinct().Count());
        Assert.Superset(ids.ToHashSet(), responses.ToHashSet());
    }
}

internal static class TestWait
{
    public static async Task UntilAsync(Func<bool> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(10);
        }
    }
}
