using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpGen.Fuzz;

/// <summary>
/// Feeds mutated messages to a live stdio server (the Everything sample as a child process). Invariants: the
/// process never dies, never hangs (a ping after every few messages is answered in time), every request with a
/// known id is answered exactly once, and the session still answers <c>ping</c> at the end.
/// </summary>
internal sealed class LiveServerTarget : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Dictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _protocolViolation;

    public LiveServerTarget(string serverDll)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(serverDll);
        _process = Process.Start(info)!;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _exited.TrySetResult();
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) OnLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void OnLine(string line)
    {
        JsonElement message;
        try { message = JsonDocument.Parse(line).RootElement.Clone(); }
        catch (JsonException) { lock (_gate) _protocolViolation ??= "stdout carried a line that is not JSON: " + line[..Math.Min(200, line.Length)]; return; }
        if (message.TryGetProperty("method", out _)) return; // notifications and server-to-client requests
        if (!message.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String) return;
        lock (_gate) _answers[id.GetString()!] = _answers.GetValueOrDefault(id.GetString()!) + 1;
    }

    private async Task SendAsync(byte[] line)
    {
        await _process.StandardInput.BaseStream.WriteAsync(line);
        await _process.StandardInput.BaseStream.WriteAsync("\n"u8.ToArray());
        await _process.StandardInput.BaseStream.FlushAsync();
    }

    private int Answers(string id) { lock (_gate) return _answers.GetValueOrDefault(id); }

    private async Task<bool> WaitAnsweredAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Answers(id) == 0)
        {
            if (_exited.Task.IsCompleted || DateTime.UtcNow > deadline) return false;
            await Task.Delay(2);
        }
        return true;
    }

    public async Task<FuzzOutcome> RunAsync(Mutator mutator, IReadOnlyList<byte[]> seeds, Random random, TimeSpan budget, Findings findings)
    {
        await SendAsync("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}"""u8.ToArray());
        if (!await WaitAnsweredAsync("init", TimeSpan.FromSeconds(30))) { findings.Add("live", "init", [], "no answer to initialize. stderr: " + _stderr); return new("live stdio server", 0); }

        long executions = 0, pings = 0;
        var tracked = new List<(string Id, byte[] Input)>();
        var recent = new Queue<(byte[] Bytes, string Strategy)>();
        var deadline = DateTime.UtcNow + budget;
        while (DateTime.UtcNow < deadline && !_exited.Task.IsCompleted)
        {
            for (int i = 0; i < 16; i++, executions++)
            {
                var seed = seeds[random.Next(seeds.Count)];
                byte[] input;
                string strategy;
                if (random.Next(2) == 0 && WithTrackedId(mutator.MutateStructurally(seed), "m-" + executions) is { } withId)
                {
                    (input, strategy) = (withId, "structural");
                    tracked.Add(("m-" + executions, input));
                }
                else
                {
                    (input, strategy) = mutator.Mutate(seed);
                }
                recent.Enqueue((input, strategy));
                if (recent.Count > 16) recent.Dequeue();
                await SendAsync(input);
            }
            string ping = "ping-" + pings++;
            await SendAsync(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":"{{ping}}","method":"ping"}"""));
            if (!await WaitAnsweredAsync(ping, TimeSpan.FromSeconds(15)))
            {
                string why = _exited.Task.IsCompleted ? "the server process died" : "a ping was not answered within 15 s (hang)";
                foreach (var (bytes, strat) in recent) findings.Add("live", strat, bytes, why + ". stderr: " + Tail(_stderr));
                break;
            }
        }

        // Every tracked request is answered exactly once (slow tools get time to finish).
        foreach (var (id, input) in tracked)
        {
            if (!await WaitAnsweredAsync(id, TimeSpan.FromSeconds(15))) findings.Add("live", "structural", input, $"request {id} was never answered");
        }
        await Task.Delay(200);
        lock (_gate)
        {
            // Only ids this fuzzer made unique are counted: mutated seeds may legitimately reuse an id many times.
            foreach (var (id, count) in _answers.Where(kv => kv.Value > 1 && IsOurs(kv.Key))) findings.Add("live", "structural", [], $"request {id} was answered {count} times");
            if (_protocolViolation is not null) findings.Add("live", "stdout", [], _protocolViolation);
        }
        string finalPing = "final-ping";
        await SendAsync(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":"{{finalPing}}","method":"ping"}"""));
        if (!await WaitAnsweredAsync(finalPing, TimeSpan.FromSeconds(15))) findings.Add("live", "final", [], "the session no longer answers ping");
        return new FuzzOutcome($"live stdio server ({pings} pings, {tracked.Count} tracked requests)", executions);
    }

    /// <summary>Gives a mutated request a unique string id so its answers can be counted; null when it is not a request object.</summary>
    private static byte[]? WithTrackedId(byte[] input, string id)
    {
        try
        {
            if (JsonNode.Parse(input) is not JsonObject obj || obj["method"] is not JsonValue method || !method.TryGetValue<string>(out var name)) return null;
            if (name.StartsWith("notifications/", StringComparison.Ordinal)) return null;
            obj["id"] = id;
            obj["jsonrpc"] = "2.0";
            return Encoding.UTF8.GetBytes(obj.ToJsonString());
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) { return null; }
    }

    private static bool IsOurs(string id) => id.StartsWith("m-", StringComparison.Ordinal) || id.StartsWith("ping-", StringComparison.Ordinal) || id is "init" or "final-ping";

    private static string Tail(StringBuilder sb) { lock (sb) { string s = sb.ToString(); return s.Length > 2000 ? s[^2000..] : s; } }

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { _process.Kill(true); }
        _process.Dispose();
    }
}
