using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen.Benchmarks;

/// <summary>
/// Where a 2026-07-28 tools/call spends what a 2025-11-25 one does not, piece by piece: the longer envelope to parse,
/// the era classification (McpRequestEra.Classify, which reads params._meta with McpRequestMeta.Read), and inside that
/// the two JsonSerializer.Deserialize calls for the client capabilities and client info.
/// </summary>
[MemoryDiagnoser]
public class EraBenchmarks
{
    private static readonly byte[] AddCall2025 = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22}}}""");
    private static readonly byte[] AddCall2026 = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"}}}}""");
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private static readonly byte[] ClientInfo = """{"name":"bench","version":"1"}"""u8.ToArray();

    private McpServer _server = null!;
    private JsonRpcMessage _message2025 = null!, _message2026 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new McpServer(new McpServerOptions());
        _message2025 = JsonRpcMessageParser.Parse(AddCall2025);
        _message2026 = JsonRpcMessageParser.Parse(AddCall2026);
    }

    [Benchmark(Baseline = true)]
    public JsonRpcMessage Parse2025() => JsonRpcMessageParser.Parse(AddCall2025);

    [Benchmark]
    public JsonRpcMessage Parse2026() => JsonRpcMessageParser.Parse(AddCall2026);

    [Benchmark]
    public McpRequestEra Classify2025() => _server.ClassifyRequest(_message2025, "2025-11-25");

    [Benchmark]
    public McpRequestEra Classify2026() => _server.ClassifyRequest(_message2026, "2026-07-28");

    [Benchmark]
    public object ReadMeta2026() => McpRequestMeta.Read(_message2026.Params);

    [Benchmark]
    public ClientCapabilities? DeserializeCapabilities() => JsonSerializer.Deserialize(EmptyObject, McpJsonContext.Default.ClientCapabilities);

    [Benchmark]
    public Implementation? DeserializeClientInfo() => JsonSerializer.Deserialize(ClientInfo, McpJsonContext.Default.Implementation);
}
