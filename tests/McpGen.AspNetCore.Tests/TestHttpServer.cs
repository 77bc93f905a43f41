using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using McpGen.AspNetCore;
using McpGen.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpGen.AspNetCore.Tests;

/// <summary>A real Kestrel on 127.0.0.1 (port chosen by the OS) serving the test registry at /mcp.</summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, TestRegistry registry, McpServer server, Uri endpoint)
    {
        _app = app;
        Registry = registry;
        Server = server;
        Endpoint = endpoint;
        Client = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    public TestRegistry Registry { get; }
    public McpServer Server { get; }
    public Uri Endpoint { get; }
    public HttpClient Client { get; }

    public static async Task<TestHttpServer> StartAsync(Action<McpHttpOptions>? http = null, Action<McpServerOptions>? mcp = null, ILoggerProvider? logs = null)
    {
        var registry = new TestRegistry();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMcpServer(o =>
        {
            o.ServerInfo = new() { Name = "http-test", Version = "1" };
            o.Add(registry.Build());
            mcp?.Invoke(o);
        });
        var app = builder.Build();
        app.MapMcp("/mcp", http);
        await app.StartAsync();
        var endpoint = new Uri(app.Urls.First() + "/mcp");
        return new TestHttpServer(app, registry, app.Services.GetRequiredService<McpServer>(), endpoint);
    }

    public const string InitializeBody = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"sampling":{},"elicitation":{}},"clientInfo":{"name":"t","version":"1"}}}""";

    public static HttpRequestMessage Post(string body, string? session = null, string accept = "application/json, text/event-stream", string contentType = "application/json", string? version = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (session is not null) request.Headers.Add("Mcp-Session-Id", session);
        if (version is not null) request.Headers.Add("MCP-Protocol-Version", version);
        return request;
    }

    /// <summary>Initializes a session (and sends notifications/initialized); returns its id.</summary>
    public async Task<string> InitializeAsync()
    {
        using var response = await Client.SendAsync(Post(InitializeBody), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        string session = response.Headers.GetValues("Mcp-Session-Id").Single();
        var events = await Sse.ReadAllAsync(response);
        Assert.Contains(events, e => e.Data.Contains("\"protocolVersion\""));
        using var initialized = await Client.SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", session));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, initialized.StatusCode);
        return session;
    }

    /// <summary>Sends a request on a session and returns the JSON-RPC response read from its SSE stream, with every event.</summary>
    public async Task<(JsonElement Response, List<Sse.Event> Events)> RequestAsync(string session, string body)
    {
        using var response = await Client.SendAsync(Post(body, session), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = await Sse.ReadAllAsync(response);
        var last = events.Last(e => e.Data.Length > 0);
        return (JsonDocument.Parse(last.Data).RootElement.Clone(), events);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
