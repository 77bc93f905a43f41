using System.Text.Json;
using McpGen.JsonRpc;

namespace McpGen.Tests;

/// <summary>Regressions for what an attacker or a sloppy client tried against the core (issue: hardening).</summary>
public class HardeningTests
{
    [Fact]
    public async Task An_oversized_message_is_answered_with_its_id_when_its_first_bytes_show_it()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(configure: o => o.MaxMessageBytes = 10_000);
        await using var _c = client;
        await client.SendRawAsync("""{"jsonrpc":"2.0","id":11,"method":"ping","params":{"pad":""" + "\"" + new string('x', 50_000) + "\"}}");
        var error = await client.WaitForResponseAsync(11);
        Assert.Equal(-32600, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("10000 bytes", error.GetProperty("error").GetProperty("message").GetString());

        // A string id works too; an id behind an oversized member that was not read cannot be known, so it is null
        // (a 300 KB line is read in 64 KB chunks and dropped after the first).
        await client.SendRawAsync("""{"id":"s-1","jsonrpc":"2.0","method":"ping","params":{"pad":""" + "\"" + new string('x', 50_000) + "\"}}");
        Assert.Equal(-32600, (await client.WaitForResponseAsync("s-1")).GetProperty("error").GetProperty("code").GetInt32());
        await client.SendRawAsync("""{"jsonrpc":"2.0","method":"ping","params":{"pad":""" + "\"" + new string('x', 300_000) + "\"},\"id\":12}");
        var anonymous = await client.WaitForAsync(m => m.TryGetProperty("error", out _) && m.GetProperty("id").ValueKind == JsonValueKind.Null);
        Assert.Equal(-32600, anonymous.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True((await client.RequestAsync("ping")).TryGetProperty("result", out _));
    }

    [Fact]
    public async Task Errors_name_the_json_path_but_no_dotnet_type()
    {
        var server = new McpServer(new McpServerOptions().Add(new TestRegistry().Build()));
        await using var client = new McpGen.Testing.InMemoryClient(server);
        var response = await client.RequestAsync("initialize", new { protocolVersion = "2025-11-25", capabilities = 5, clientInfo = new { name = "t", version = "1" } });
        string message = response.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Equal(-32602, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("$.capabilities", message, StringComparison.Ordinal);
        Assert.DoesNotContain("McpGen.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_is_answered_while_every_slot_is_taken()
    {
        var (client, registry) = await ServerFixture.StartInitializedAsync(configure: o => o.MaxInFlightRequestsPerSession = 1);
        await using var _c = client;
        int waiting = await client.SendRequestAsync("tools/call", new { name = "wait" });
        await TestWait.UntilAsync(() => client.Server.Sessions.Single().InFlightRequests == 1);
        Assert.Equal(-32000, (await client.RequestAsync("tools/list")).GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Object, (await client.RequestAsync("ping")).GetProperty("result").ValueKind);
        registry.Gate.SetResult();
        await client.WaitForResponseAsync(waiting);
    }

    [Theory]
    [InlineData("""{"action":"accept","content":{"colors":[]}}""", "'colors' must have at least 1 item")]
    [InlineData("""{"action":"accept","content":{"colors":["blue"]}}""", "'colors' may only contain red, green")]
    [InlineData("""{"action":"accept","content":{"colors":["red"],"count":11}}""", "'count' must be at most 10")]
    [InlineData("""{"action":"accept","content":{"colors":["red"],"count":2.5}}""", "'count' must be an integer")]
    [InlineData("""{"action":"accept","content":{"count":2}}""", "required field 'colors' is missing")]
    public async Task An_elicitation_answer_that_breaks_the_sent_schema_is_a_clear_error_to_the_tool(string answer, string problem)
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { elicitation = new { form = new { } } });
        await using var _c = client;
        int id = await client.SendRequestAsync("tools/call", new { name = "elicit_choices" });
        var request = await client.WaitForAsync(m => m.IsMethod("elicitation/create"));
        await client.SendRawAsync($$"""{"jsonrpc":"2.0","id":{{request.GetProperty("id").GetRawText()}},"result":{{answer}}}""");
        var result = (await client.WaitForResponseAsync(id)).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains(problem, result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conforming_or_declined_elicitation_answer_reaches_the_tool()
    {
        var (client, _) = await ServerFixture.StartInitializedAsync(new { elicitation = new { form = new { } } });
        await using var _c = client;
        var answered = new HashSet<string>();
        foreach (var (answer, text) in new[] { ("""{"action":"accept","content":{"colors":["red","green"],"count":3}}""", "Accept:2"), ("""{"action":"decline"}""", "Decline:") })
        {
            int id = await client.SendRequestAsync("tools/call", new { name = "elicit_choices" });
            var request = await client.WaitForAsync(m => m.IsMethod("elicitation/create") && !answered.Contains(m.GetProperty("id").GetRawText()));
            answered.Add(request.GetProperty("id").GetRawText());
            await client.SendRawAsync($$"""{"jsonrpc":"2.0","id":{{request.GetProperty("id").GetRawText()}},"result":{{answer}}}""");
            Assert.Equal(text, (await client.WaitForResponseAsync(id)).GetProperty("result").Text());
        }
    }

    [Fact]
    public async Task Stateless_sampling_says_there_is_no_session_rather_than_blaming_the_client()
    {
        var server = new McpServer(new McpServerOptions().Add(new TestRegistry().Build()));
        var writer = new Collect();
        await server.ProcessStatelessMessageAsync(JsonRpcMessageParser.Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sample"}}"""u8.ToArray()), writer, "2025-11-25");
        var result = Assert.Single(writer.Messages).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("needs a session", result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("did not declare", result.Text(), StringComparison.Ordinal);
    }

    private sealed class Collect : IMcpMessageWriter
    {
        public List<JsonElement> Messages { get; } = [];

        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
        {
            lock (Messages) Messages.Add(JsonDocument.Parse(utf8Message).RootElement.Clone());
            return default;
        }
    }
}

public class PeekIdTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":11,"method":"ping","params":{"pad":"xxxxxxxx""", "11")]
    [InlineData("""{"id":"s-1","jsonrpc":"2.0","params":{"pad":"xx""", "\"s-1\"")]
    [InlineData("""{"jsonrpc":"2.0","method":"ping","params":{"pad":"xxxxxxxx""", "null")]
    [InlineData("""{"jsonrpc":"2.0","method":"ping","params":{"a":[1,2,{"b":"c"}]},"id":7,"x":"yyyy""", "7")]
    [InlineData("""[1,2""", "null")]
    [InlineData("""not json""", "null")]
    [InlineData("""{"id":""", "null")]
    [InlineData("""{"id":12""", "null")] // the number may go on: not trusted
    public void Reads_the_id_from_the_first_bytes(string head, string expected)
    {
        var id = JsonRpcMessageParser.PeekId(new System.Buffers.ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(head)));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) id.WriteTo(writer);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
