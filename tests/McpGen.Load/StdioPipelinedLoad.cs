using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace McpGen.Load;

/// <summary>
/// 100,000 pipelined tools/call requests over stdio to a real server process, a random few cancelled. Checks:
/// every request that was not cancelled is answered exactly once with the right result; a cancelled request is
/// answered at most once (the spec says a server should not answer it, but the cancellation may arrive after the
/// answer left); no response has an id that was never sent; the server exits 0 on stdin EOF.
/// </summary>
internal static class StdioPipelinedLoad
{
    private static string Call(int id, string tool, string argumentsJson) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}}";

    public static async Task<bool> RunAsync(string serverDll, int calls, int window, double cancelRatio, int seed)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(serverDll);
        using var process = Process.Start(info)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();

        var answers = new int[calls + 1];
        var wrong = new List<string>();
        var cancelled = new bool[calls + 1];
        var slots = new SemaphoreSlim(window);
        var random = new Random(seed);
        var unknownIds = 0;
        var stdout = process.StandardOutput.BaseStream;
        var stdin = process.StandardInput.BaseStream;
        var initialized = new TaskCompletionSource();

        var reader = Task.Run(async () =>
        {
            using var lines = new StreamReader(stdout, Encoding.UTF8);
            while (await lines.ReadLineAsync() is { } line)
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.TryGetProperty("method", out _)) continue;
                if (root.GetProperty("id").ValueKind == JsonValueKind.String) { initialized.TrySetResult(); continue; }
                int id = root.GetProperty("id").GetInt32();
                if (id <= 0 || id > calls) { Interlocked.Increment(ref unknownIds); continue; }
                Interlocked.Increment(ref answers[id]);
                if (!cancelled[id])
                {
                    string expected = (id % 3 == 0 ? id * 2 : id + 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    string? text = root.TryGetProperty("result", out var r) ? r.GetProperty("content")[0].GetProperty("text").GetString() : null;
                    if (text != expected && !(id % 3 == 2 && text == "echo-" + id)) lock (wrong) wrong.Add($"{id}: {line}");
                    slots.Release(); // a cancelled call's slot is freed when its cancellation is sent
                }
            }
        });

        var writeLock = new SemaphoreSlim(1);
        async Task SendAsync(string json)
        {
            await writeLock.WaitAsync();
            try { await stdin.WriteAsync(Encoding.UTF8.GetBytes(json + "\n")); await stdin.FlushAsync(); }
            finally { writeLock.Release(); }
        }

        await SendAsync("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"load","version":"1"}}}""");
        await initialized.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        var watch = Stopwatch.StartNew();
        var cancellations = new List<Task>();
        for (int id = 1; id <= calls; id++)
        {
            await slots.WaitAsync();
            string call = (id % 3) switch
            {
                0 => Call(id, "add", $"{{\"a\":{id},\"b\":{id}}}"),
                1 => Call(id, "add", $"{{\"a\":{id},\"b\":7}}"),
                _ => Call(id, "echo", $"{{\"text\":\"echo-{id}\"}}"),
            };
            bool cancel = random.NextDouble() < cancelRatio;
            if (cancel)
            {
                // A slow call, cancelled a moment later: usually before it ends, sometimes after.
                call = Call(id, "slow", $"{{\"ms\":{random.Next(1, 40)}}}");
                cancelled[id] = true;
                int captured = id, delay = random.Next(0, 40);
                cancellations.Add(Task.Run(async () =>
                {
                    await Task.Delay(delay);
                    await SendAsync("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + captured + ",\"reason\":\"load test\"}}");
                    slots.Release(); // a cancelled call may never be answered: free its slot here
                }));
            }
            await SendAsync(call);
        }
        await Task.WhenAll(cancellations);
        // Wait for every non-cancelled answer.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && Enumerable.Range(1, calls).Any(i => !cancelled[i] && Volatile.Read(ref answers[i]) == 0)) await Task.Delay(50);
        var elapsed = watch.Elapsed;
        process.StandardInput.Close();
        await reader.WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        int lost = Enumerable.Range(1, calls).Count(i => !cancelled[i] && answers[i] == 0);
        int duplicated = Enumerable.Range(1, calls).Count(i => answers[i] > 1);
        int cancelCount = cancelled.Count(c => c);
        int cancelledAnswered = Enumerable.Range(1, calls).Count(i => cancelled[i] && answers[i] == 1);
        Console.WriteLine($"stdio pipelined: {calls:N0} calls (window {window}) in {elapsed.TotalSeconds:0.00} s = {calls / elapsed.TotalSeconds:N0} calls/s");
        Console.WriteLine($"  cancelled {cancelCount:N0} ({cancelledAnswered:N0} of them finished before the cancellation arrived and were answered once)");
        Console.WriteLine($"  lost {lost}, duplicated {duplicated}, mismatched {wrong.Count}, unknown ids {unknownIds}, exit code {process.ExitCode}");
        foreach (var w in wrong.Take(5)) Console.WriteLine("  MISMATCH " + w);
        if (process.ExitCode != 0) Console.WriteLine(stderr.ToString());
        return lost == 0 && duplicated == 0 && wrong.Count == 0 && unknownIds == 0 && process.ExitCode == 0;
    }
}
