namespace McpGen.Tests;

public class PromptsResourcesTests
{
    [Fact]
    public async Task Lists_prompts_with_arguments()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var prompts = (await client.ResultAsync("prompts/list")).GetProperty("prompts");
        var greeting = prompts.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "greeting");
        Assert.Equal("Greets.", greeting.GetProperty("description").GetString());
        var arg = greeting.GetProperty("arguments")[0];
        Assert.Equal("name", arg.GetProperty("name").GetString());
        Assert.True(arg.GetProperty("required").GetBoolean());
        var broken = prompts.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "broken");
        Assert.False(broken.TryGetProperty("arguments", out _));
    }

    [Fact]
    public async Task Gets_a_prompt_and_checks_required_arguments()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var result = await client.ResultAsync("prompts/get", new { name = "greeting", arguments = new { name = "Ada" } });
        Assert.Equal("""{"messages":[{"role":"user","content":{"type":"text","text":"Hello Ada"}}]}""", result.GetRawText());
        var missing = await client.RequestAsync("prompts/get", new { name = "greeting" });
        Assert.Equal(-32602, missing.GetProperty("error").GetProperty("code").GetInt32());
        var notString = await client.RequestAsync("prompts/get", new { name = "greeting", arguments = new { name = 5 } });
        Assert.Equal(-32602, notString.GetProperty("error").GetProperty("code").GetInt32());
        var unknown = await client.RequestAsync("prompts/get", new { name = "nope" });
        Assert.Equal(-32602, unknown.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_throwing_prompt_is_an_internal_error()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var r = await client.RequestAsync("prompts/get", new { name = "broken" });
        Assert.Equal(-32603, r.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("prompt failed", r.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Lists_resources_and_templates_separately()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var resources = (await client.ResultAsync("resources/list")).GetProperty("resources");
        Assert.Equal("""[{"uri":"test://hello","name":"hello","description":"A greeting.","mimeType":"text/plain"}]""", resources.GetRawText());
        var templates = (await client.ResultAsync("resources/templates/list")).GetProperty("resourceTemplates");
        Assert.Equal("""[{"uriTemplate":"test://items/{id}","name":"item","description":"An item."}]""", templates.GetRawText());
    }

    [Fact]
    public async Task Reads_fixed_and_templated_resources()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var hello = await client.ResultAsync("resources/read", new { uri = "test://hello" });
        Assert.Equal("""{"contents":[{"uri":"test://hello","mimeType":"text/plain","text":"hello"}]}""", hello.GetRawText());
        var item = await client.ResultAsync("resources/read", new { uri = "test://items/7" });
        Assert.Equal("item 7", item.GetProperty("contents")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Unknown_resources_are_not_found()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var r = await client.RequestAsync("resources/read", new { uri = "test://missing" });
        Assert.Equal(-32002, r.GetProperty("error").GetProperty("code").GetInt32());
        var noUri = await client.RequestAsync("resources/read", new { });
        Assert.Equal(-32602, noUri.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Completion_for_a_prompt_argument()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        var r = await client.ResultAsync("completion/complete", new { @ref = new { type = "ref/prompt", name = "color" }, argument = new { name = "color", value = "bl" } });
        Assert.Equal("""{"completion":{"values":["blue","black"],"total":2,"hasMore":false}}""", r.GetRawText());
        var none = await client.ResultAsync("completion/complete", new { @ref = new { type = "ref/prompt", name = "greeting" }, argument = new { name = "name", value = "x" } });
        Assert.Equal("""{"completion":{"values":[],"total":0,"hasMore":false}}""", none.GetRawText());
        var template = await client.ResultAsync("completion/complete", new { @ref = new { type = "ref/resource", uri = "test://items/{id}" }, argument = new { name = "id", value = "" } });
        Assert.Equal(0, template.GetProperty("completion").GetProperty("values").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"ref":{"type":"ref/prompt","name":"nope"},"argument":{"name":"a","value":""}}""")]
    [InlineData("""{"ref":{"type":"ref/other"},"argument":{"name":"a","value":""}}""")]
    [InlineData("""{"argument":{"name":"a","value":""}}""")]
    [InlineData("""{"ref":{"type":"ref/prompt","name":"color"}}""")]
    [InlineData("""{"ref":{"type":"ref/resource","uri":"test://unknown/{x}"},"argument":{"name":"x","value":""}}""")]
    public async Task Bad_completion_requests_are_invalid_params(string @params)
    {
        var (client, _) = await ServerFixture.StartInitializedAsync();
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":77,"method":"completion/complete","params":""" + @params + "}");
        Assert.Equal(-32602, (await client.WaitForResponseAsync(77)).GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public void Completion_caps_at_one_hundred_values()
    {
        var c = Protocol.Completion.FromCandidates(Enumerable.Range(0, 250).Select(i => "v" + i), null);
        Assert.Equal(100, c.Values.Count);
        Assert.Equal(250, c.Total);
        Assert.True(c.HasMore);
    }
}
