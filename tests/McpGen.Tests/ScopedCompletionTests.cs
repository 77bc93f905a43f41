using System.Security.Claims;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen.Tests;

/// <summary>
/// Everything that touches a scoped primitive needs its scopes: completing a prompt's or a template's arguments
/// reveals what getting or reading it would, and a subscription to a resource the user may not read is refused.
/// </summary>
public class ScopedCompletionTests
{
    private sealed class PayrollPrompt() : McpPrompt("payroll")
    {
        public int Completions;

        public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result) =>
            throw new InvalidOperationException("not called here");

        public override ValueTask<Completion> CompleteAsync(McpRequestContext context, string argumentName, string value, IReadOnlyDictionary<string, string>? otherArguments)
        {
            Interlocked.Increment(ref Completions);
            return new(new Completion { Values = ["alice-salary", "bob-salary"] });
        }
    }

    private sealed class SecretTemplate() : McpResourceTemplate("secret://{name}", "secret")
    {
        public int Completions;

        public override ValueTask ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string> variables, Utf8JsonWriter result) =>
            throw new InvalidOperationException("not called here");

        public override ValueTask<Completion> CompleteAsync(McpRequestContext context, string argumentName, string value, IReadOnlyDictionary<string, string>? otherArguments)
        {
            Interlocked.Increment(ref Completions);
            return new(new Completion { Values = ["launch-codes"] });
        }
    }

    private static ClaimsPrincipal User(string scopes) => new(new ClaimsIdentity([new Claim("sub", "u1"), new Claim("scope", scopes)], "Bearer"));

    private static (McpServer Server, PayrollPrompt Prompt, SecretTemplate Template) Create()
    {
        var prompt = new PayrollPrompt { RequiredScopes = ["payroll:read"] };
        var template = new SecretTemplate { RequiredScopes = ["secret:read"] };
        var registry = new McpRegistryBuilder()
            .Add(prompt)
            .Add(template)
            .Add(McpResource.Create("test://secret", "secret", static (_, uri) => new(new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, Text = "s" }] }), requiredScopes: ["secret:read"]))
            .Build();
        return (new McpServer(new McpServerOptions().Add(registry)), prompt, template);
    }

    private static async Task<JsonElement> SendAsync(McpServer server, string json, ClaimsPrincipal? user)
    {
        await using var client = new InMemorySession(server);
        return await client.RequestAsync(json, user);
    }

    private const string CompletePrompt = """{"jsonrpc":"2.0","id":7,"method":"completion/complete","params":{"ref":{"type":"ref/prompt","name":"payroll"},"argument":{"name":"who","value":"a"}}}""";
    private const string CompleteTemplate = """{"jsonrpc":"2.0","id":8,"method":"completion/complete","params":{"ref":{"type":"ref/resource","uri":"secret://{name}"},"argument":{"name":"name","value":"l"}}}""";
    private const string Subscribe = """{"jsonrpc":"2.0","id":9,"method":"resources/subscribe","params":{"uri":"test://secret"}}""";
    private const string SubscribeTemplated = """{"jsonrpc":"2.0","id":10,"method":"resources/subscribe","params":{"uri":"secret://x"}}""";

    [Theory]
    [InlineData(CompletePrompt, 7, "payroll:read")]
    [InlineData(CompleteTemplate, 8, "secret:read")]
    [InlineData(Subscribe, 9, "secret:read")]
    [InlineData(SubscribeTemplated, 10, "secret:read")]
    public async Task Without_the_scope_the_request_is_refused_and_no_handler_runs(string request, int id, string scope)
    {
        var (server, prompt, template) = Create();
        var response = await SendAsync(server, request, User("other"));
        Assert.Equal(id, response.GetProperty("id").GetInt32());
        var error = response.GetProperty("error");
        Assert.Equal(JsonRpcErrorCodes.ServerError, error.GetProperty("code").GetInt32());
        Assert.Contains(scope, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, prompt.Completions + template.Completions);
        Assert.Equal([scope], server.ScopesRequiredBy(JsonRpcMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(request))));
    }

    [Fact]
    public async Task With_the_scope_completion_and_subscription_work()
    {
        var (server, prompt, template) = Create();
        var values = (await SendAsync(server, CompletePrompt, User("payroll:read"))).GetProperty("result").GetProperty("completion").GetProperty("values");
        Assert.Equal("alice-salary", values[0].GetString());
        values = (await SendAsync(server, CompleteTemplate, User("secret:read"))).GetProperty("result").GetProperty("completion").GetProperty("values");
        Assert.Equal("launch-codes", values[0].GetString());
        Assert.Equal(JsonValueKind.Object, (await SendAsync(server, Subscribe, User("secret:read"))).GetProperty("result").ValueKind);
        // Unauthenticated (stdio): not enforced, as for every other request.
        Assert.True((await SendAsync(server, CompletePrompt, null)).TryGetProperty("result", out _));
        Assert.Equal(2, prompt.Completions);
        Assert.Equal(1, template.Completions);
    }

    /// <summary>A real session fed parsed messages (initialize first), answering on an in-memory writer.</summary>
    private sealed class InMemorySession(McpServer server) : IMcpMessageWriter, IAsyncDisposable
    {
        private readonly McpSession _session = server.CreateSession(new Discard());
        private readonly List<JsonElement> _responses = [];

        public async Task<JsonElement> RequestAsync(string json, ClaimsPrincipal? user)
        {
            await _session.ProcessMessageAsync(JsonRpcMessageParser.Parse("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"""u8.ToArray()), this);
            _responses.Clear();
            await _session.ProcessMessageAsync(JsonRpcMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(json)), this, default, user);
            return Assert.Single(_responses);
        }

        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
        {
            if (kind == McpOutboundMessageKind.Response) _responses.Add(JsonDocument.Parse(utf8Message).RootElement.Clone());
            return default;
        }

        public ValueTask DisposeAsync() => _session.DisposeAsync();

        private sealed class Discard : IMcpMessageWriter
        {
            public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken) => default;
        }
    }
}
