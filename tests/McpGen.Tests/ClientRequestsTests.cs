using System.Text.Json;

namespace McpGen.Tests;

public class ClientRequestsTests
{
    private static async Task<JsonElement> AnswerNextAsync(InMemoryClient client, string method, string resultJson)
    {
        var request = await client.WaitForAsync(m => m.IsMethod(method) && m.TryGetProperty("id", out _));
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":""" + request.GetProperty("id").GetRawText() + ""","result":""" + resultJson + "}");
        return request;
    }

    [Fact]
    public async Task Sampling_round_trip()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { sampling = new { } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "sample" });
        var request = await AnswerNextAsync(client, "sampling/createMessage", """{"role":"assistant","content":{"type":"text","text":"hello there"},"model":"m1","stopReason":"endTurn"}""");
        Assert.Equal(10, request.GetProperty("params").GetProperty("maxTokens").GetInt32());
        Assert.Equal("hi", request.GetProperty("params").GetProperty("messages")[0].GetProperty("content").GetProperty("text").GetString());
        var response = await client.WaitForResponseAsync(id);
        Assert.Equal("model said: hello there (m1)", response.GetProperty("result").Text());
    }

    [Fact]
    public async Task Sampling_content_may_be_an_array()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { sampling = new { } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "sample" });
        await AnswerNextAsync(client, "sampling/createMessage", """{"content":[{"text":"array form","type":"text"}],"role":"assistant","model":"m2"}""");
        Assert.Equal("model said: array form (m2)", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
    }

    [Fact]
    public async Task Sampling_without_the_capability_is_an_error_result()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var result = await client.ResultAsync("tools/call", new { name = "sample" });
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("sampling", result.Text());
        Assert.DoesNotContain(client.Received, m => m.IsMethod("sampling/createMessage"));
    }

    [Fact]
    public async Task Elicitation_round_trip_with_a_form()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { elicitation = new { form = new { } } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "elicit" });
        var request = await AnswerNextAsync(client, "elicitation/create", """{"action":"accept","content":{"name":"Ada"}}""");
        var schema = request.GetProperty("params").GetProperty("requestedSchema");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
        Assert.DoesNotContain("null", request.GetRawText());
        Assert.Equal("Accept:Ada", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
    }

    [Fact]
    public async Task Elicitation_with_an_empty_capability_means_form_mode()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { elicitation = new { } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "elicit" });
        await AnswerNextAsync(client, "elicitation/create", """{"action":"decline"}""");
        Assert.Equal("Decline:-", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
    }

    [Fact]
    public async Task Elicitation_in_url_mode_and_its_completion_notification()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { elicitation = new { url = new { } } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "elicit_url" });
        var request = await AnswerNextAsync(client, "elicitation/create", """{"action":"accept"}""");
        var p = request.GetProperty("params");
        Assert.Equal("url", p.GetProperty("mode").GetString());
        Assert.Equal("https://example.com/login", p.GetProperty("url").GetString());
        Assert.Equal("elicit-1", p.GetProperty("elicitationId").GetString());
        Assert.False(p.TryGetProperty("requestedSchema", out _));
        Assert.Equal("Accept", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
        var done = await client.WaitForAsync(m => m.IsMethod("notifications/elicitation/complete"));
        Assert.Equal("elicit-1", done.GetProperty("params").GetProperty("elicitationId").GetString());
    }

    [Fact]
    public async Task Url_elicitation_needs_the_url_capability()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { elicitation = new { form = new { } } });
        await using var _c = client;
        var result = await client.ResultAsync("tools/call", new { name = "elicit_url" });
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("URL-mode", result.Text());
    }

    [Fact]
    public async Task Sampling_with_tools_sends_them_and_reads_a_tool_use_answer()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { sampling = new { tools = new { } } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "sample_with_tools" });
        var request = await AnswerNextAsync(client, "sampling/createMessage",
            """{"role":"assistant","model":"m","stopReason":"toolUse","content":[{"type":"tool_use","id":"tu1","name":"get_weather","input":{"city":"Paris"}}]}""");
        var p = request.GetProperty("params");
        Assert.Equal("get_weather", p.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("auto", p.GetProperty("toolChoice").GetProperty("mode").GetString());
        Assert.Equal("toolUse:get_weather:Paris", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
    }

    [Fact]
    public async Task Sampling_with_tools_needs_the_sampling_tools_capability()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { sampling = new { } });
        await using var _c = client;
        var result = await client.ResultAsync("tools/call", new { name = "sample_with_tools" });
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("sampling.tools", result.Text());
    }

    [Fact]
    public async Task Roots_round_trip()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { roots = new { listChanged = true } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "roots" });
        await AnswerNextAsync(client, "roots/list", """{"roots":[{"uri":"file:///a","name":"A"},{"uri":"file:///b"}]}""");
        Assert.Equal("file:///a,file:///b", (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
    }

    [Fact]
    public async Task A_client_error_answer_becomes_an_error_result()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { sampling = new { } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "sample" });
        var request = await client.WaitForAsync(m => m.IsMethod("sampling/createMessage"));
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":""" + request.GetProperty("id").GetRawText() + ""","error":{"code":-1,"message":"user rejected sampling"}}""");
        var result = (await client.WaitForResponseAsync(id)).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("user rejected sampling", result.Text());
    }

    [Fact]
    public async Task A_malformed_client_answer_is_an_error_result_not_a_crash()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { sampling = new { } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "sample" });
        await AnswerNextAsync(client, "sampling/createMessage", """{"role":"wizard"}""");
        var result = (await client.WaitForResponseAsync(id)).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("expected shape", result.Text());
    }

    [Fact]
    public async Task An_unanswered_client_request_times_out_and_is_cancelled_on_the_client()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { sampling = new { } }, o => o.ClientRequestTimeout = TimeSpan.FromMilliseconds(300));
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "sample" });
        var request = await client.WaitForAsync(m => m.IsMethod("sampling/createMessage"));
        var result = (await client.WaitForResponseAsync(id)).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("did not answer", result.Text());
        var cancel = await client.WaitForAsync(m => m.IsMethod("notifications/cancelled"));
        Assert.Equal(request.GetProperty("id").GetRawText(), cancel.GetProperty("params").GetProperty("requestId").GetRawText());
    }

    [Fact]
    public async Task A_tool_awaiting_an_answer_does_not_block_other_requests_and_answers_out_of_order_correlate()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { elicitation = new { } });
        await using var _c = client;
        int first = await client.SendRequestAsync("tools/call", new { name = "elicit" });
        int second = await client.SendRequestAsync("tools/call", new { name = "elicit" });
        var r1 = await client.WaitForAsync(m => m.IsMethod("elicitation/create"));
        var r2 = await client.WaitForAsync(m => m.IsMethod("elicitation/create") && !m.GetProperty("id").Equals(r1.GetProperty("id")) && m.GetProperty("id").GetRawText() != r1.GetProperty("id").GetRawText());
        // Other work proceeds while both wait.
        Assert.Equal("42", (await client.ResultAsync("tools/call", new { name = "add", arguments = new { a = 40, b = 2 } })).Text());
        // Answer in reverse order; each tool gets its own answer.
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":""" + r2.GetProperty("id").GetRawText() + ""","result":{"action":"accept","content":{"name":"second"}}}""");
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":""" + r1.GetProperty("id").GetRawText() + ""","result":{"action":"accept","content":{"name":"first"}}}""");
        var a1 = (await client.WaitForResponseAsync(first)).GetProperty("result").Text();
        var a2 = (await client.WaitForResponseAsync(second)).GetProperty("result").Text();
        // Which tool issued which elicitation is up to scheduling; each must get exactly one of the two answers.
        Assert.Equal(["Accept:first", "Accept:second"], new[] { a1, a2 }.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Stray_responses_are_ignored()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":987,"result":{}}""");
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":"x","error":{"code":1,"message":"?"}}""");
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _));
    }
}
