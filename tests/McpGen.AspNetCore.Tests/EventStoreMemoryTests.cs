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
/// Runs alone (no other test allocating meanwhile).
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public class EventStoreMemoryTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>
    /// Posts on a session and returns the stream's start and end as text. The client side rents no large pooled arrays
    /// (StreamReader.ReadLineAsync and JsonDocument would, in this same process, and the heap figure would count them).
    /// </summary>
    private static async Task<string> PostReadingOnlyTheTailAsync(TestHttpServer server, string session, byte[] body)
    {
        using var request = TestHttpServer.Post("", session);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var head = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        byte[] last = new byte[4096];
        int lastLength = 0, read;
        while ((read = await stream.ReadAsync(chunk)) > 0)
        {
            if (head.Length < 256) head.Write(chunk, 0, Math.Min(read, 256 - (int)head.Length));
            // Keep the last 4 KiB seen: the response's id and "result" come before its text, so keep the first
            // chunk of the data line too (head), and the end of the stream.
            if (read >= last.Length) { Array.Copy(chunk, read - last.Length, last, 0, last.Length); lastLength = last.Length; }
            else
            {
                int keep = Math.Min(lastLength, last.Length - read);
                Array.Copy(last, lastLength - keep, last, 0, keep);
                Array.Copy(chunk, 0, last, keep, read);
                lastLength = keep + read;
            }
        }
        return Encoding.UTF8.GetString(head.ToArray()) + " … " + Encoding.UTF8.GetString(last, 0, lastLength);
    }

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
                byte[] body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) +
                    ",\"method\":\"prompts/get\",\"params\":{\"name\":\"greeting\",\"arguments\":{\"name\":\"" + argument + "\"}}}");
                string tail = await PostReadingOnlyTheTailAsync(server, session, body);
                Assert.Contains("\"id\":" + (100 + i) + ",\"result\"", tail);
            }
        }));
        sampling.Cancel();
        await sampler;

        // No waiting for ArrayPool's trim: McpGen gives the shared pool no array over 1 MiB (McpBufferPool), so what the
        // heap holds right after the attack is what the server holds.
        long heapAfter = Heap();
        long storeBytes = store.Bytes;
        output.WriteLine($"store {storeBytes / (double)MiB:0.0} MiB; managed heap +{(heapAfter - heapBefore) / (double)MiB:0} MiB after the attack; " +
            $"working set {rssBefore / (double)MiB:0} MiB before, peak {rssPeak / (double)MiB:0} MiB");
        Assert.InRange(storeBytes, 1, 2 * 16 * MiB); // each session at most its 16 MiB
        // The bound: the two session budgets plus 48 MiB for everything else (Kestrel's and the client's pools; measured:
        // +52 MiB in all, +83 MiB when large buffers went back to ArrayPool.Shared). Without byte budgets the store alone
        // holds 464 MiB.
        Assert.True(heapAfter - heapBefore < 2 * 16 * MiB + 48 * MiB, $"the managed heap grew by {(heapAfter - heapBefore) / (double)MiB:0} MiB");

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
        // Measured: +19 MiB; +51 MiB when large buffers went back to ArrayPool.Shared.
        Assert.True(heapDeleted - heapBefore < 40 * MiB, $"the managed heap is still {(heapDeleted - heapBefore) / (double)MiB:0} MiB above where it started");
        Assert.True(heapAfter - heapDeleted < 2 * 16 * MiB + 16 * MiB, $"the two sessions held {(heapAfter - heapDeleted) / (double)MiB:0} MiB"); // measured: 29 MiB
    }
}
