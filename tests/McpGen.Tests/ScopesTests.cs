using System.Security.Claims;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen.Tests;

/// <summary>
/// Scope enforcement in dispatch, whatever authenticated the user (McpGen's HTTP authorization, or ASP.NET Core
/// authentication configured by the app): lists leave out what the user may not use, calls are refused, and
/// requests without an authenticated user (stdio) are not filtered.
/// </summary>
public class ScopesTests
{
    private static McpServer Server(int? pageSize = null)
    {
        var options = new McpServerOptions { PageSize = pageSize };
        options.Add(new McpRegistryBuilder()
            .Add(McpTool.Create("open", """{"type":"object"}""", static (_, _) => new(CallToolResult.FromText("open"))))
            .Add(McpTool.Create("write_a", """{"type":"object"}""", static (_, _) => new(CallToolResult.FromText("a")), requiredScopes: ["a:write"]))
            .Add(McpTool.Create("write_b", """{"type":"object"}""", static (_, _) => new(CallToolResult.FromText("b")), requiredScopes: ["b:write"]))
            .Add(McpTool.Create("write_ab", """{"type":"object"}""", static (_, _) => new(CallToolResult.FromText("ab")), requiredScopes: ["a:write", "b:write"]))
            .Add(McpResource.Create("test://secret", "secret", static (_, uri) => new(new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, Text = "s" }] }), requiredScopes: ["secret:read"]))
            .Build());
        return new McpServer(options);
    }

    private static ClaimsPrincipal User(params Claim[] claims) => new(new ClaimsIdentity([new Claim("sub", "u1"), .. claims], "Bearer"));

    private static async Task<JsonElement> SendAsync(McpServer server, string json, ClaimsPrincipal? user)
    {
        var writer = new CollectingWriter();
        await server.ProcessStatelessMessageAsync(JsonRpcMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(json)), writer, "2025-11-25", CancellationToken.None, user);
        return Assert.Single(writer.Messages);
    }

    private static List<string> Names(JsonElement response) =>
        [.. response.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!)];

    [Fact]
    public async Task Lists_leave_out_what_the_user_lacks_scopes_for()
    {
        var server = Server();
        const string list = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";
        Assert.Equal(["open"], Names(await SendAsync(server, list, User())));
        Assert.Equal(["open", "write_a"], Names(await SendAsync(server, list, User(new Claim("scope", "a:write other")))));
        // "scp" claims, one per scope (as some providers issue them), count too.
        Assert.Equal(["open", "write_a", "write_b", "write_ab"], Names(await SendAsync(server, list, User(new Claim("scp", "a:write"), new Claim("scp", "b:write")))));
        // No authenticated user (stdio, or HTTP without authentication): nothing is filtered.
        Assert.Equal(4, Names(await SendAsync(server, list, null)).Count);
        Assert.Equal(4, Names(await SendAsync(server, list, new ClaimsPrincipal(new ClaimsIdentity()))).Count);
    }

    [Fact]
    public async Task Pages_count_only_visible_items_and_never_end_on_an_empty_page()
    {
        var server = Server(pageSize: 1);
        var user = User(new Claim("scope", "b:write"));
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var response = await SendAsync(server, cursor is null
                ? """{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""
                : $$$"""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"{{{cursor}}}"}}""", user);
            var page = Names(response);
            Assert.Single(page);
            seen.AddRange(page);
            cursor = response.GetProperty("result").TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);
        Assert.Equal(["open", "write_b"], seen);
    }

    [Fact]
    public async Task Calls_and_reads_without_the_scope_are_refused_naming_it()
    {
        var server = Server();
        var response = await SendAsync(server, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"write_ab"}}""", User(new Claim("scope", "a:write")));
        Assert.Equal(JsonRpcErrorCodes.ServerError, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("b:write", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("a:write", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var read = await SendAsync(server, """{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"test://secret"}}""", User());
        Assert.Contains("secret:read", read.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var allowed = await SendAsync(server, """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"write_ab"}}""", User(new Claim("scope", "a:write b:write")));
        Assert.Equal("ab", allowed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void The_server_says_which_scopes_a_request_needs()
    {
        var server = Server();
        JsonRpcMessage Parse(string json) => JsonRpcMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Equal(["a:write", "b:write"], server.ScopesRequiredBy(Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"write_ab"}}""")));
        Assert.Equal(["secret:read"], server.ScopesRequiredBy(Parse("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"test://secret"}}""")));
        Assert.Empty(server.ScopesRequiredBy(Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"nope"}}""")));
        Assert.Empty(server.ScopesRequiredBy(Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":5}}""")));
        Assert.Empty(server.ScopesRequiredBy(Parse("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""")));
        Assert.Equal(["a:write", "b:write", "secret:read"], server.AllRequiredScopes());
    }

    [Theory]
    [InlineData("orders:read", true)]
    [InlineData("https://api.example.com/orders.read", true)]
    [InlineData("", false)]
    [InlineData("orders read", false)]
    [InlineData("orders\"read", false)]
    [InlineData("orders\\read", false)]
    [InlineData("ordérs", false)]
    public void Scope_tokens_follow_rfc_6749(string scope, bool valid) => Assert.Equal(valid, McpScopes.IsValidScope(scope));

    private sealed class CollectingWriter : IMcpMessageWriter
    {
        public List<JsonElement> Messages { get; } = [];

        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
        {
            lock (Messages) Messages.Add(JsonDocument.Parse(utf8Message).RootElement.Clone());
            return default;
        }
    }
}
