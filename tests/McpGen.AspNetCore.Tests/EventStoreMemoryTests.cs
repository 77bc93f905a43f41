using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace McpGen.AspNetCore.Tests;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>
/// Issue 14 item 2, the attack itself on a real Kestrel: two sessions each send 64 prompts with 3.8 MB arguments that
/// the prompt echoes back. Before the byte budgets, every response stayed in the event store (64 completed streams per
/// session: store 464 MiB, managed heap +866 MiB, peak working set 3.8 GB here; 1.5 GB in the report's process).
/// Runs alone (no other test allocating meanwhile); takes about 90 s, most of it waiting for ArrayPool's trim.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public class EventStoreMemoryTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    [Fact]
    public async Task Many_large_echoed_prompts_keep_the_store_within_its_budgets_and_delete_releases_them()
    {
        var store = new InMemoryMcpEventStore(); // the defaults: 16 MiB per session, 256 MiB in all
        await using var server = await TestHttpServer.StartAsync(o => o.EventStore = store);
        string warm = await server.InitializeAsync();
        await server.RequestAsync(warm, """{"jsonrpc":"2.0","id":2,"method":"prompts/get","params":{"name":"greeting","arguments":{"name":"warm"}}}""");
        long heapBefore = Heap();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long rssBefore = process.WorkingSet64, rssPeak = rssBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                rssPeak = Math.Max(rssPeak, process.WorkingSet64);
                try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        string argument = new('x', 3_800_000);
        var sessions = new[] { await server.InitializeAsync(), await server.InitializeAsync() };
        await Task.WhenAll(sessions.Select(async session =>
        {
            for (int i = 0; i < 64; i++)
            {
                var body = new StringBuilder(3_800_200).Append("{\"jsonrpc\":\"2.0\",\"id\":").Append(100 + i)
                    .Append(",\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\",\"arguments\":{\"name\":\"").Append(argument).Append("\"}}}").ToString();
                var (response, _) = await server.RequestAsync(session, body);
                Assert.Equal(100 + i, response.GetProperty("id").GetInt32());
            }
        }));
        sampling.Cancel();
        await sampler;

        long heapRaw = Heap();
        // ArrayPool<byte>.Shared keeps the multi-MB buffers the response path rented (per thread and per core) until
        // its trim, which runs on gen-2 collections once they have been idle for a minute; then what is left is what
        // the server really holds.
        for (int i = 0; i < 14; i++)
        {
            await Task.Delay(5000);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        long heapAfter = Heap();
        long storeBytes = store.Bytes;
        output.WriteLine($"store {storeBytes / (double)MiB:0.0} MiB; managed heap +{(heapRaw - heapBefore) / (double)MiB:0} MiB right after the attack, " +
            $"+{(heapAfter - heapBefore) / (double)MiB:0} MiB after the pool trim; working set {rssBefore / (double)MiB:0} MiB before, peak {rssPeak / (double)MiB:0} MiB");
        Assert.InRange(storeBytes, 1, 2 * 16 * MiB); // each session at most its 16 MiB
        // The bound: the two session budgets plus 96 MiB for everything else (pools, other tests' leftovers; measured:
        // +42 MiB in all). Without byte budgets the store alone holds 464 MiB.
        Assert.True(heapAfter - heapBefore < 2 * 16 * MiB + 96 * MiB, $"the managed heap grew by {(heapAfter - heapBefore) / (double)MiB:0} MiB");

        foreach (var session in sessions)
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, "");
            delete.Headers.Add("Mcp-Session-Id", session);
            using var deleted = await server.Client.SendAsync(delete);
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }
        long heapDeleted = Heap();
        output.WriteLine($"after DELETE: store {store.Bytes} bytes; managed heap +{(heapDeleted - heapBefore) / (double)MiB:0} MiB; held by the two sessions: {(heapAfter - heapDeleted) / (double)MiB:0} MiB");
        Assert.True(store.Bytes < 64 * 1024, $"{store.Bytes} bytes left in the store"); // only the warm-up session's few events
        Assert.True(heapDeleted - heapBefore < 64 * MiB, $"the managed heap is still {(heapDeleted - heapBefore) / (double)MiB:0} MiB above where it started"); // measured: +13 MiB
        Assert.True(heapAfter - heapDeleted < 2 * 16 * MiB + 16 * MiB, $"the two sessions held {(heapAfter - heapDeleted) / (double)MiB:0} MiB"); // measured: 29 MiB
    }
}
