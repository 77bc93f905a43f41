using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpGen.Fuzz;

/// <summary>
/// Feeds mutated HTTP requests (verb, headers and body) to the Streamable HTTP endpoint on a real in-process Kestrel on
/// 127.0.0.1. Invariants: no 5xx other than 503 (a cap), only statuses the transport documents; every JSON body is a
/// JSON-RPC message; a refusal of a POST whose id was readable carries that id; an answered request is answered once, with
/// its id; nothing hangs (headers within 15 s); and a real session still answers <c>ping</c> after every batch.
/// </summary>
internal sealed class HttpTarget : IAsyncDisposable
{
    private static readonly HashSet<int> Allowed = [200, 202, 400, 403, 404, 405, 406, 408, 409, 413, 415, 429, 503];
    private static readonly string[] ContentTypes = ["application/json", "application/json; charset=utf-8", "text/plain", "application/jsonx", "", "application/json;;", "APPLICATION/JSON", "application/json; charset=\"\""];
    private static readonly string[] Accepts = ["application/json, text/event-stream", "application/json", "text/event-stream", "*/*", "", "text/event-stream;q=0.1, application/json;q=0.9", "application/*", ",,,"];
    private static readonly string[] Versions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05", "2026-07-28", "1999-01-01", "", "2025-11-25, 2025-06-18", "2025-11-25 "];
    private static readonly string[] EventIds = ["0.0", "1.0", "1.1", "0.999999999999999999999", "-1.0", ".", "", "1.", "abc", "99999999999999999999.0", "0.-1", "1.0.0"];
    private static readonly string[] Origins = ["http://localhost", "http://127.0.0.1:1", "http://evil.example", "null", "http://[::1]", "file://"];

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private string _session = "";

    private HttpTarget(WebApplication app, Uri endpoint)
    {
        _app = app;
        _client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(15) };
    }

    public static async Task<HttpTarget> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMcpServer(o =>
        {
            o.ServerInfo = new() { Name = "fuzz-http", Version = "1" };
            o.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);
        });
        var app = builder.Build();
        app.MapMcp("/mcp", o => { o.MaxRequestBodyBytes = 256 * 1024; o.RequestBodyTimeout = TimeSpan.FromSeconds(5); o.MaxSessions = 200; });
        await app.StartAsync();
        var target = new HttpTarget(app, new Uri(app.Urls.First() + "/mcp"));
        await target.NewSessionAsync();
        return target;
    }

    private async Task NewSessionAsync()
    {
        using var response = await _client.SendAsync(Post("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}"""u8.ToArray(), null));
        _session = response.Headers.TryGetValues("Mcp-Session-Id", out var ids) ? ids.Single() : throw new InvalidOperationException($"initialize got {(int)response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync();
        using var initialized = await _client.SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray(), _session));
    }

    private static HttpRequestMessage Post(byte[] body, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        if (session is not null) request.Headers.Add("Mcp-Session-Id", session);
        return request;
    }

    private T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    public async Task<FuzzOutcome> RunAsync(Mutator mutator, IReadOnlyList<byte[]> seeds, Random random, TimeSpan budget, Findings findings)
    {
        long executions = 0, pings = 0;
        var statuses = new Dictionary<int, long>();
        var deadline = DateTime.UtcNow + budget;
        while (DateTime.UtcNow < deadline)
        {
            for (int i = 0; i < 16; i++, executions++)
            {
                var (request, input, trackedId, strategy) = Build(mutator, seeds, random, executions);
                string? failure;
                int status;
                try
                {
                    (status, failure) = await SendAndCheckAsync(request, trackedId);
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException && ex is not ObjectDisposedException)
                {
                    continue; // HttpClient refused to send the mutated header: not a request the server saw
                }
                finally
                {
                    request.Dispose();
                }
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (failure is not null) findings.Add("http", strategy, input, failure);
            }
            pings++;
            if (await LivenessAsync(pings) is { } dead)
            {
                findings.Add("http", "liveness", [], dead);
                break;
            }
        }
        string histogram = string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value:N0}"));
        return new FuzzOutcome($"http request path on Kestrel ({pings} liveness pings; statuses {histogram})", executions);
    }

    private (HttpRequestMessage Request, byte[] Input, string? TrackedId, string Strategy) Build(Mutator mutator, IReadOnlyList<byte[]> seeds, Random random, long n)
    {
        int verb = random.Next(100);
        var method = verb < 82 ? HttpMethod.Post : verb < 92 ? HttpMethod.Get : verb < 94 ? HttpMethod.Delete : verb < 97 ? HttpMethod.Put : HttpMethod.Options;
        var seed = seeds[random.Next(seeds.Count)];
        byte[] body;
        string? tracked = null;
        string strategy;
        if (random.Next(2) == 0 && WithId(mutator.MutateStructurally(seed), "h-" + n) is { } withId)
        {
            (body, tracked, strategy) = (withId, "h-" + n, "structural");
        }
        else
        {
            (body, strategy) = mutator.Mutate(seed);
        }
        var request = new HttpRequestMessage(method, random.Next(50) == 0 ? "?access_token=x" : "");
        if (method != HttpMethod.Get || random.Next(4) == 0) request.Content = new ByteArrayContent(body);
        var headers = new List<string>();
        void Header(string name, string value)
        {
            headers.Add(name + ": " + value);
            if (name == "Content-Type") { if (request.Content is not null) request.Content.Headers.TryAddWithoutValidation(name, value); }
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        Header("Content-Type", random.Next(5) == 0 ? Pick(random, ContentTypes) : "application/json");
        Header("Accept", random.Next(5) == 0 ? Pick(random, Accepts) : method == HttpMethod.Get ? "text/event-stream" : "application/json, text/event-stream");
        int session = random.Next(10);
        if (session < 6) Header("Mcp-Session-Id", _session);
        else if (session == 6) Header("Mcp-Session-Id", Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + random.Next())));
        else if (session == 7) Header("Mcp-Session-Id", new string('A', random.Next(1, 9000)));
        if (random.Next(4) == 0) Header("MCP-Protocol-Version", Pick(random, Versions));
        if (method == HttpMethod.Get && random.Next(2) == 0) Header("Last-Event-ID", Pick(random, EventIds));
        bool foreignOrigin = false;
        if (random.Next(8) == 0)
        {
            string origin = Pick(random, Origins);
            foreignOrigin = origin is not ("http://localhost" or "http://[::1]");
            Header("Origin", origin);
        }
        if (random.Next(10) == 0) Header("Authorization", random.Next(2) == 0 ? "Bearer " + new string('x', random.Next(1, 200)) : "Basic Zm9vOmJhcg==");
        if (random.Next(20) == 0 && method == HttpMethod.Delete) tracked = null;
        // The input saved with a finding: the request line and headers, then the body.
        byte[] head = Encoding.UTF8.GetBytes($"{method} {request.RequestUri}\n{string.Join("\n", headers)}\n\n");
        // A foreign Origin is refused before the body is read (DNS rebinding check first), so no id can be expected.
        return (request, [.. head, .. body], method == HttpMethod.Post && !foreignOrigin ? tracked : null, strategy);
    }

    private static byte[]? WithId(byte[] input, string id)
    {
        try
        {
            if (JsonNode.Parse(input) is not JsonObject obj || obj["method"] is not JsonValue method || !method.TryGetValue<string>(out var name)) return null;
            if (name.StartsWith("notifications/", StringComparison.Ordinal) || name == "initialize") return null;
            obj["id"] = id;
            obj["jsonrpc"] = "2.0";
            return Encoding.UTF8.GetBytes(obj.ToJsonString());
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) { return null; }
    }

    private async Task<(int Status, string? Failure)> SendAndCheckAsync(HttpRequestMessage request, string? trackedId)
    {
        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (TaskCanceledException)
        {
            return (0, $"no response headers within 15 s ({request.Method})");
        }
        catch (HttpRequestException ex)
        {
            return (0, $"the connection failed: {ex.Message}");
        }
        using (response)
        {
            int status = (int)response.StatusCode;
            if (!Allowed.Contains(status)) return (status, $"status {status} for {request.Method}");
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType == "text/event-stream")
            {
                if (request.Method == HttpMethod.Get) return (status, null); // a GET stream stays open: headers are enough
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                string text;
                try { text = await response.Content.ReadAsStringAsync(cts.Token); }
                catch (OperationCanceledException) { return (status, "a POST stream did not end within 15 s"); }
                if (request.Content is not null && trackedId is not null)
                {
                    int answers = 0;
                    foreach (var line in text.Split('\n'))
                    {
                        if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
                        var message = JsonDocument.Parse(line[6..]).RootElement;
                        if (message.TryGetProperty("method", out _)) continue;
                        if (!message.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() != trackedId)
                            return (status, $"a response on the stream of {trackedId} has another id: {line[..Math.Min(line.Length, 200)]}");
                        answers++;
                    }
                    if (answers != 1) return (status, $"request {trackedId} was answered {answers} times on its stream");
                }
                return (status, null);
            }
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            if (mediaType == "application/json")
            {
                JsonElement root;
                try { root = JsonDocument.Parse(body).RootElement; }
                catch (JsonException) { return (status, $"status {status}: the body is not JSON"); }
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("jsonrpc", out var v) || v.GetString() != "2.0")
                    return (status, $"status {status}: the body is not a JSON-RPC message");
                // A refusal made after the body was read carries the request's id (issue 14).
                if (status is 400 or 403 or 404 or 429 or 503 && trackedId is not null && root.TryGetProperty("error", out var error)
                    && error.GetProperty("code").GetInt32() != -32700)
                {
                    if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() != trackedId)
                        return (status, $"status {status}: the refusal of {trackedId} does not carry its id: {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 300)]}");
                }
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(15)) return (status, $"{request.Method} took {watch.Elapsed.TotalSeconds:0} s");
            return (status, null);
        }
    }

    /// <summary>A valid ping on the real session (a new one if the fuzzer deleted it) is answered.</summary>
    private async Task<string?> LivenessAsync(long n)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var response = await _client.SendAsync(Post(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":"ping-{{n}}","method":"ping"}"""), _session));
                if (response.StatusCode == HttpStatusCode.NotFound) { await NewSessionAsync(); continue; } // deleted by a fuzzed DELETE
                string text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && text.Contains($"\"id\":\"ping-{n}\"", StringComparison.Ordinal)) return null;
                return $"the liveness ping got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                return "the liveness ping failed: " + ex.Message;
            }
        }
        return "no session could be created for the liveness ping";
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
