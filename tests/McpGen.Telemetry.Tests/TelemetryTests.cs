using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using McpGen.Diagnostics;
using McpGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace McpGen.Telemetry.Tests;

/// <summary>
/// The spans and metrics of requests as the OpenTelemetry SDK (1.20.1, in-memory exporter) receives them from McpGen's
/// in-box <see cref="ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>, over the stdio transport
/// (sessions) and over Streamable HTTP on a real Kestrel (sessions and stateless). One class: the listeners are
/// process-wide, so these tests run one after another, and each finds its own spans by a trace id of its own.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metering;

    public TelemetryTests()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(McpTelemetry.SourceName).AddInMemoryExporter(_spans).Build();
        _metering = Sdk.CreateMeterProviderBuilder().AddMeter(McpTelemetry.SourceName).AddInMemoryExporter(_metrics).Build();
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metering.Dispose();
    }

    private static McpServerOptions Options()
    {
        var options = new McpServerOptions { ServerInfo = new() { Name = "telemetry", Version = "1.0.0" } };
        options.Add(new McpRegistryBuilder()
            .Add(McpTool.Create("add", """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}""",
                static (_, args) => new(CallToolResult.FromText((args.GetRequiredInt64("a") + args.GetRequiredInt64("b")).ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .Add(McpTool.Create("fail", """{"type":"object"}""", static (_, _) => throw new InvalidOperationException("boom")))
            .Build());
        return options;
    }

    private static (string TraceParent, ActivityTraceId TraceId, ActivitySpanId ParentId) NewTraceContext()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        return ($"00-{traceId.ToHexString()}-{spanId.ToHexString()}-01", traceId, spanId);
    }

    private static string Call(object id, string tool, string arguments, string traceParent) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + JsonSerializer.Serialize(id) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments
        + ",\"_meta\":{\"traceparent\":\"" + traceParent + "\",\"tracestate\":\"vendor=abc\"}}}";

    private Activity SpanOf(ActivityTraceId traceId)
    {
        _tracing.ForceFlush();
        return Assert.Single(_spans, s => s.TraceId == traceId && s.Source.Name == McpTelemetry.SourceName);
    }

    private (long Count, Dictionary<string, object?> Tags)[] DurationPoints(string metric, string? tool = null)
    {
        _metering.ForceFlush();
        var points = new List<(long, Dictionary<string, object?>)>();
        foreach (var m in _metrics.Where(m => m.Name == metric))
        {
            Assert.Equal("s", m.Unit);
            Assert.Equal(MetricType.Histogram, m.MetricType);
            foreach (ref readonly var p in m.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var t in p.Tags) tags[t.Key] = t.Value;
                if (tool is null || (tags.TryGetValue("gen_ai.tool.name", out var name) && (string?)name == tool)) points.Add((p.GetHistogramCount(), tags));
            }
        }
        return points.ToArray();
    }

    private static void AssertToolCallSpan(Activity span, string tool, string requestId, ActivitySpanId parent, string? errorType)
    {
        Assert.Equal($"tools/call {tool}", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(parent, span.ParentSpanId);                          // the client's span, from _meta.traceparent
        Assert.Equal("vendor=abc", span.TraceStateString);
        Assert.Equal("tools/call", span.GetTagItem("mcp.method.name"));
        Assert.Equal(tool, span.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("execute_tool", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(requestId, span.GetTagItem("jsonrpc.request.id"));
        Assert.Equal("2025-11-25", span.GetTagItem("mcp.protocol.version"));
        Assert.Equal(errorType, span.GetTagItem("error.type"));
        Assert.Equal(errorType is null ? ActivityStatusCode.Unset : ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_tools_call_over_stdio_is_a_server_span_under_the_clients_trace_context_and_a_duration_measurement()
    {
        await using var client = new InMemoryClient(new McpServer(Options()));
        await client.InitializeAsync();
        var (traceParent, traceId, parentId) = NewTraceContext();
        await client.SendRawAsync(Call(7, "add", """{"a":2,"b":40}""", traceParent));
        var response = await client.WaitForResponseAsync(7);
        Assert.Equal("42", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());

        var span = SpanOf(traceId);
        AssertToolCallSpan(span, "add", "7", parentId, errorType: null);
        string session = Assert.IsType<string>(span.GetTagItem("mcp.session.id"));
        Assert.Matches("^[0-9a-f]{16}$", session);                        // a digest, stable per session, not the id

        var point = Assert.Single(DurationPoints("mcp.server.operation.duration", "add"));
        Assert.Equal(1, point.Count);
        Assert.Equal("tools/call", point.Tags["mcp.method.name"]);
        Assert.Equal("2025-11-25", point.Tags["mcp.protocol.version"]);
        Assert.False(point.Tags.ContainsKey("error.type"));
        Assert.False(point.Tags.ContainsKey("mcp.session.id"));           // no per-session cardinality in metrics

        // The same session's next request carries the same digest; failures carry error.type.
        (traceParent, traceId, parentId) = NewTraceContext();
        await client.SendRawAsync(Call("x", "fail", "{}", traceParent));
        Assert.True((await client.WaitForResponseAsync("x")).GetProperty("result").GetProperty("isError").GetBoolean());
        var failed = SpanOf(traceId);
        AssertToolCallSpan(failed, "fail", "x", parentId, errorType: "tool_error");
        Assert.Equal(session, failed.GetTagItem("mcp.session.id"));

        // Arguments that do not bind are a tool execution error (SEP-1303); an unknown tool is a protocol error.
        (traceParent, traceId, parentId) = NewTraceContext();
        await client.SendRawAsync(Call(9, "add", """{"a":"two","b":1}""", traceParent));
        Assert.True((await client.WaitForResponseAsync(9)).GetProperty("result").GetProperty("isError").GetBoolean());
        AssertToolCallSpan(SpanOf(traceId), "add", "9", parentId, errorType: "tool_error");

        (traceParent, traceId, parentId) = NewTraceContext();
        await client.SendRawAsync(Call(10, "nope", "{}", traceParent));
        Assert.Equal(-32602, (await client.WaitForResponseAsync(10)).GetProperty("error").GetProperty("code").GetInt32());
        var invalid = SpanOf(traceId);
        AssertToolCallSpan(invalid, "nope", "10", parentId, errorType: "-32602");
        Assert.Equal("-32602", invalid.GetTagItem("rpc.response.status_code"));
        Assert.Contains(DurationPoints("mcp.server.operation.duration", "nope"), p => p.Tags.TryGetValue("error.type", out var e) && (string?)e == "-32602");
    }

    [Fact]
    public async Task Without_a_trace_context_the_span_is_a_root_and_other_methods_are_named_by_their_method()
    {
        await using var client = new InMemoryClient(new McpServer(Options()));
        await client.InitializeAsync();
        using var marker = new ActivitySource("telemetry-test").StartActivity("marker"); // not listened to: no parent
        Assert.Null(marker);
        await client.RequestAsync("tools/list");
        _tracing.ForceFlush();
        var list = Assert.Single(_spans, s => s.DisplayName == "tools/list");
        Assert.Equal(default, list.ParentSpanId);
        Assert.Equal("tools/list", list.GetTagItem("mcp.method.name"));
        Assert.Null(list.GetTagItem("gen_ai.tool.name"));
    }

    [Fact]
    public async Task Tools_calls_over_streamable_http_stateful_and_stateless_are_traced_and_measured()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMcpServer(o =>
        {
            var options = Options();
            o.ServerInfo = options.ServerInfo;
            foreach (var r in options.Registries) o.Add(r);
        });
        await using var app = builder.Build();
        app.MapMcp("/mcp");
        app.MapMcp("/stateless", o => { o.Stateless = true; o.JsonResponses = true; });
        await app.StartAsync();
        string root = app.Urls.First();
        using var http = new HttpClient();

        // Stateful: initialize, then the call in the session.
        var (init, sessionId) = await PostAsync(http, root + "/mcp", null, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        Assert.True(init.TryGetProperty("result", out _));
        await PostAsync(http, root + "/mcp", sessionId, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        var (traceParent, traceId, parentId) = NewTraceContext();
        var (call, _) = await PostAsync(http, root + "/mcp", sessionId, Call(2, "add", """{"a":1,"b":2}""", traceParent));
        Assert.Equal("3", call.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        var span = SpanOf(traceId);
        AssertToolCallSpan(span, "add", "2", parentId, errorType: null);
        string digest = Assert.IsType<string>(span.GetTagItem("mcp.session.id"));
        Assert.Matches("^[0-9a-f]{16}$", digest);
        Assert.DoesNotContain(sessionId!, digest, StringComparison.Ordinal);

        // Stateless: no session, the protocol version from the header.
        (traceParent, traceId, parentId) = NewTraceContext();
        var (stateless, _) = await PostAsync(http, root + "/stateless", null, Call(3, "add", """{"a":20,"b":22}""", traceParent));
        Assert.Equal("42", stateless.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        var statelessSpan = SpanOf(traceId);
        AssertToolCallSpan(statelessSpan, "add", "3", parentId, errorType: null);
        Assert.Null(statelessSpan.GetTagItem("mcp.session.id"));

        var points = DurationPoints("mcp.server.operation.duration", "add");
        Assert.Equal(2, points.Where(p => !p.Tags.ContainsKey("error.type")).Sum(p => p.Count));
    }

    [Fact]
    public void Session_duration_is_a_histogram_in_seconds_with_the_protocol_version()
    {
        var timer = McpTelemetry.StartSession("pipe");
        timer.Stop("2025-11-25");
        var point = Assert.Single(DurationPoints("mcp.server.session.duration"));
        Assert.Equal(1, point.Count);
        Assert.Equal("2025-11-25", point.Tags["mcp.protocol.version"]);
        Assert.Equal("pipe", point.Tags["network.transport"]);
    }

    private static async Task<(JsonElement Response, string? SessionId)> PostAsync(HttpClient http, string url, string? sessionId, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        if (sessionId is not null) request.Headers.Add("Mcp-Session-Id", sessionId);
        using var response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        string? id = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.First() : sessionId;
        if (body.Length == 0) return (default, id);
        if (response.Content.Headers.ContentType?.MediaType == "application/json") return (JsonDocument.Parse(body).RootElement.Clone(), id);
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal)) return (JsonDocument.Parse(line[6..]).RootElement.Clone(), id);
        }
        throw new InvalidOperationException("no response: " + body);
    }
}
