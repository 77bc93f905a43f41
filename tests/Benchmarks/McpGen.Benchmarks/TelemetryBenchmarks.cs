using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using BenchmarkDotNet.Attributes;
using McpGen.Diagnostics;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen.Benchmarks;

/// <summary>
/// What telemetry costs per request: the start/stop pair alone, and a whole <c>tools/call</c> through a session, with
/// nobody listening (the target: no allocation beyond the call's own) and with a listener that records every span
/// and both histograms (an <see cref="ActivityListener"/> and a <see cref="MeterListener"/>, as an OpenTelemetry
/// SDK installs them).
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private static readonly byte[] AddCall = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22},"_meta":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}}""");
    private static readonly byte[] Response = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":42,"result":{"content":[{"type":"text","text":"42"}]}}""");

    private McpSession _session = null!;
    private JsonRpcMessage _parsed = null!;
    private readonly Discard _writer = new();
    private ActivityListener? _spans;
    private MeterListener? _meters;

    /// <summary>Whether a listener records the spans and the histograms.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Listening)
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = s => s.Name == McpTelemetry.SourceName,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_spans);
            _meters = new MeterListener { InstrumentPublished = static (i, l) => { if (i.Meter.Name == McpTelemetry.SourceName) l.EnableMeasurementEvents(i); } };
            _meters.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            _meters.Start();
        }
        var options = new McpServerOptions();
        options.Add(new McpRegistryBuilder().Add(McpTool.Create("add", """{"type":"object"}""",
            static (_, _) => new(CallToolResult.FromText("42")))).Build());
        _session = new McpServer(options).CreateSession(_writer);
        _session.ProcessMessageAsync(JsonRpcMessageParser.Parse(Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"b","version":"1"}}}""")), _writer)
            .AsTask().GetAwaiter().GetResult();
        _parsed = JsonRpcMessageParser.Parse(AddCall);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spans?.Dispose();
        _meters?.Dispose();
    }

    /// <summary>The telemetry calls a request runner makes, alone.</summary>
    [Benchmark]
    public void StartStop()
    {
        var operation = McpTelemetry.StartOperation(_parsed, "session-1", "2025-11-25");
        operation.Stop(Response);
    }

    /// <summary>A whole tools/call through a session (parse, dispatch, tool, response), telemetry included.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask ToolsCall() => _session.ProcessMessageAsync(JsonRpcMessageParser.Parse(AddCall), _writer);

    private sealed class Discard : IMcpMessageWriter
    {
        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken) => default;
    }
}
