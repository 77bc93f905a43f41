using System.Text;
using BenchmarkDotNet.Attributes;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen.Benchmarks;

/// <summary>
/// One request through the whole server path a transport uses: envelope parse, session, dispatch, tool, response
/// written to a writer that discards it. Allocations here are what every request costs.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private static readonly byte[] AddCall = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22}}}""");
    private static readonly byte[] ToolsList = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":43,"method":"tools/list"}""");
    private static readonly byte[] AddCall2026 = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"}}}}""");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":44,"method":"ping"}""");

    private McpServer _server = null!;
    private McpRequestEra _era2026 = null!;
    private McpSession _session = null!;
    private readonly DiscardingWriter _writer = new();

    [GlobalSetup]
    public void Setup()
    {
        var options = new McpServerOptions();
        options.Add(new McpRegistryBuilder()
            .Add(new AddTool())
            .Add(McpTool.Create("echo", """{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""",
                static (_, a) => new(CallToolResult.FromText(a.GetProperty("message").GetString()!)), description: "Echoes."))
            .Build());
        var server = new McpServer(options);
        _server = server;
        _era2026 = server.ClassifyRequest(JsonRpcMessageParser.Parse(AddCall2026), "2026-07-28");
        _session = server.CreateSession(_writer);
        _session.ProcessMessageAsync(JsonRpcMessageParser.Parse(Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"b","version":"1"}}}""")), _writer)
            .AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public ValueTask Ping_() => _session.ProcessMessageAsync(JsonRpcMessageParser.Parse(Ping), _writer);

    [Benchmark(Baseline = true)]
    public ValueTask ToolsCall_Add() => _session.ProcessMessageAsync(JsonRpcMessageParser.Parse(AddCall), _writer);

    [Benchmark]
    public ValueTask ToolsList_() => _session.ProcessMessageAsync(JsonRpcMessageParser.Parse(ToolsList), _writer);

    /// <summary>Today's stateless path (HTTP with Stateless = true): a 2025-11-25 tools/call with no session.</summary>
    [Benchmark]
    public ValueTask Stateless2025_ToolsCall_Add() => _server.ProcessStatelessMessageAsync(JsonRpcMessageParser.Parse(AddCall), _writer, "2025-11-25");

    /// <summary>The modern era: a 2026-07-28 tools/call (per-request metadata in params._meta), through the same entry point.</summary>
    [Benchmark]
    public ValueTask Stateless2026_ToolsCall_Add() => _server.ProcessStatelessMessageAsync(JsonRpcMessageParser.Parse(AddCall2026), _writer, "2026-07-28");

    /// <summary>The 2026-07-28 call with its era classified once up front: the runner's share without McpRequestEra.Classify.</summary>
    [Benchmark]
    public ValueTask PerRequest2026_PreClassified_ToolsCall_Add() => _server.ProcessPerRequestAsync(JsonRpcMessageParser.Parse(AddCall2026), _era2026, _writer);

    [Benchmark]
    public JsonRpcMessage ParseEnvelope() => JsonRpcMessageParser.Parse(AddCall);

    /// <summary>A hand-written tool shaped like generated code: arguments read with Utf8JsonReader, result written directly.</summary>
    private sealed class AddTool() : McpTool("add")
    {
        public override ReadOnlySpan<byte> InputSchema => """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}"""u8;

        public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, System.Text.Json.Utf8JsonWriter result)
        {
            var reader = new System.Text.Json.Utf8JsonReader(arguments.Span);
            int a = 0, b = 0;
            reader.Read();
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                bool isA = reader.ValueTextEquals("a"u8);
                reader.Read();
                if (isA) a = reader.GetInt32(); else b = reader.GetInt32();
            }
            result.WriteStartObject();
            result.WriteStartArray("content"u8);
            result.WriteStartObject();
            result.WriteString("type"u8, "text"u8);
            Span<byte> digits = stackalloc byte[16];
            System.Buffers.Text.Utf8Formatter.TryFormat(a + b, digits, out int written);
            result.WriteString("text"u8, digits[..written]);
            result.WriteEndObject();
            result.WriteEndArray();
            result.WriteEndObject();
            return default;
        }
    }

    private sealed class DiscardingWriter : IMcpMessageWriter
    {
        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken) => default;
    }
}
