using System.Text;
using McpGen.Diagnostics;
using McpGen.JsonRpc;

namespace McpGen.Telemetry.Tests;

/// <summary>With nobody listening, the telemetry of a request is two checks: no span, no measurement, no allocation.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class NoListenerTests
{
    [Fact]
    public void Starting_and_stopping_an_operation_allocates_nothing_when_nobody_listens()
    {
        var request = JsonRpcMessageParser.Parse(Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"add","arguments":{},"_meta":{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}}"""));
        byte[] response = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":42,"error":{"code":-32602,"message":"x"}}""");
        Assert.False(McpTelemetry.IsEnabled);
        for (int i = 0; i < 100; i++) McpTelemetry.StartOperation(request, "s", "2025-11-25").Stop(response);   // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            var operation = McpTelemetry.StartOperation(request, "s", "2025-11-25");
            Assert.Null(operation.Activity);
            operation.Stop(response);
        }
        McpTelemetry.StartSession("pipe").Stop("2025-11-25");   // a no-op too
        // The smallest object is 24 B, so one allocation per call would be 240,000 B or more; what remains is the
        // runtime's own (tiered JIT on this thread), a few hundred bytes at most. BenchmarkDotNet measures 0 B per call.
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 10_000, $"{allocated} B allocated over 10,000 start/stop pairs with nobody listening");
    }
}

/// <summary>Telemetry listeners are process-wide: these classes run one after another, never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "telemetry listeners";
}
