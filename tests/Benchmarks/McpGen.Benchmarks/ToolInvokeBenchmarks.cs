using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen.Benchmarks;

/// <summary>
/// The generated code alone: binding <c>add(int a, int b)</c> from the arguments' bytes, calling it and writing the
/// result into a reused buffer; and <c>tools/list</c>, which writes precomputed bytes.
/// </summary>
[MemoryDiagnoser]
public class ToolInvokeBenchmarks
{
    private static readonly ReadOnlyMemory<byte> Arguments = Encoding.UTF8.GetBytes("""{"a":20,"b":22}""");
    private readonly PooledBufferWriter _buffer = new(4096);
    private Utf8JsonWriter _writer = null!;
    private McpTool _add = null!;
    private McpRequestContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _add = McpGen.Generated.GeneratedMcpRegistry.Instance.Tools.Single(t => t.Name == "add");
        var server = new McpServer(new McpServerOptions().Add(McpGen.Generated.GeneratedMcpRegistry.Instance));
        _context = new McpRequestContext(server, StatelessClientState.For(McpProtocolRevision.V2025_11_25), McpProtocolRevision.V2025_11_25,
            RequestId.FromNumber(1), McpMethods.ToolsCall, new NullWriter(), CancellationToken.None);
    }

    [Benchmark]
    public ValueTask BindInvokeWrite_Add()
    {
        _buffer.Clear();
        _writer.Reset(_buffer);
        var task = _add.InvokeAsync(_context, Arguments, _writer);
        _writer.Flush();
        return task;
    }

    [Benchmark]
    public int WriteDefinition_Add()
    {
        _buffer.Clear();
        _writer.Reset(_buffer);
        _add.WriteDefinition(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    private sealed class NullWriter : IMcpMessageWriter
    {
        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken) => default;
    }
}
