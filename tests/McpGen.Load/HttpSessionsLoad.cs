using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using McpGen.AspNetCore;
using McpGen.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpGen.Load;

/// <summary>
/// Streamable HTTP on a real Kestrel (127.0.0.1, port 0): many concurrent sessions each calling tools for a fixed time
/// (SSE responses), then stateless JSON load. Checks: every call answered exactly once with its own result (none lost,
/// duplicated or mismatched), every session deleted at the end, and the managed heap after the run within 20% of its
/// level before (measured after a warm-up, with full collections).
/// </summary>
internal static class HttpSessionsLoad
{
    public static async Task<bool> RunAsync(int sessions, TimeSpan sessionDuration, int statelessWorkers, TimeSpan statelessDuration)
    {
        var registry = new TestRegistry();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddMcpServer(o =>
        {
            o.ServerInfo = new() { Name = "load", Version = "1" };
            o.Add(registry.Build());
        });
        await using var app = builder.Build();
        app.MapMcp("/mcp");
        app.MapMcp("/stateless", o => { o.Stateless = true; o.JsonResponses = true; });
        await app.StartAsync();
        var baseUri = new Uri(app.Urls.First());
        var server = app.Services.GetRequiredService<McpServer>();

        // Warm-up at full concurrency (JIT, Kestrel's and the runtime's pools grow to their working size), then the
        // baseline: what the measured run adds on top of it is what the sessions and calls leave behind.
        await RunPhasesAsync(baseUri, server, sessions, TimeSpan.FromSeconds(2), statelessWorkers, TimeSpan.FromSeconds(1), new Stats());
        await Task.Delay(TimeSpan.FromSeconds(2));
        long before = Heap();
        long rssBefore = Environment.WorkingSet;

        var stats = new Stats();
        var (sessionCalls, sessionSeconds, statelessCalls, statelessSeconds) =
            await RunPhasesAsync(baseUri, server, sessions, sessionDuration, statelessWorkers, statelessDuration, stats);

        await Task.Delay(TimeSpan.FromSeconds(2)); // let Kestrel close the client's connections
        long after = Heap();
        long rssAfter = Environment.WorkingSet;
        int leftSessions = server.SessionCount;
        await app.StopAsync();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"http sessions: {sessions} concurrent sessions for {sessionSeconds:0} s: {sessionCalls:N0} calls ({sessionCalls / sessionSeconds:N0}/s); lost {stats.Lost}, duplicated {stats.Duplicated}, mismatched {stats.Mismatched}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"http stateless: {statelessWorkers} workers for {statelessSeconds:0} s: {statelessCalls:N0} calls ({statelessCalls / statelessSeconds:N0}/s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"managed heap: {before / 1048576.0:0.0} MB before, {after / 1048576.0:0.0} MB after ({(double)after / before:0.00}x); working set {rssBefore / 1048576.0:0} MB before, {rssAfter / 1048576.0:0} MB after; sessions left {leftSessions}"));
        if (leftSessions != 0) stats.Fail($"{leftSessions} sessions left after every client deleted its own");
        if (after > before * 1.2) stats.Fail($"the managed heap grew from {before} to {after} bytes (more than 20%)");
        foreach (var failure in stats.Failures.Take(10)) Console.WriteLine("FAIL: " + failure);
        return stats.Failures.Count == 0 && stats.Lost == 0 && stats.Duplicated == 0 && stats.Mismatched == 0 && sessionCalls > 0 && statelessCalls > 0;
    }

    private static async Task<(long SessionCalls, double SessionSeconds, long StatelessCalls, double StatelessSeconds)> RunPhasesAsync(
        Uri baseUri, McpServer server, int sessions, TimeSpan sessionDuration, int statelessWorkers, TimeSpan statelessDuration, Stats stats)
    {
        // Phase 1: concurrent sessions.
        var watch = Stopwatch.StartNew();
        using (var client = NewClient())
        {
            var deadline = DateTime.UtcNow + sessionDuration;
            var opened = await Task.WhenAll(Enumerable.Range(0, sessions).Select(i => Session.OpenAsync(client, new Uri(baseUri, "/mcp"), i)));
            if (opened.Select(s => s.Id).Distinct().Count() != sessions) stats.Fail("session ids are not unique");
            await Task.WhenAll(opened.Select(async s =>
            {
                int n = 0;
                while (DateTime.UtcNow < deadline) stats.Record(await s.CallAsync(n++));
            }));
            int live = server.SessionCount;
            if (live != sessions) stats.Fail($"{live} live sessions on the server during the run, expected {sessions}");
            await Task.WhenAll(opened.Select(s => s.DeleteAsync()));
        }
        double sessionSeconds = watch.Elapsed.TotalSeconds;
        long sessionCalls = stats.Calls;

        // Phase 2: stateless.
        watch.Restart();
        using (var client = NewClient())
        {
            var deadline = DateTime.UtcNow + statelessDuration;
            await Task.WhenAll(Enumerable.Range(0, statelessWorkers).Select(async w =>
            {
                int n = 0;
                while (DateTime.UtcNow < deadline) stats.Record(await StatelessCallAsync(client, new Uri(baseUri, "/stateless"), w, n++));
            }));
        }
        double statelessSeconds = watch.Elapsed.TotalSeconds;
        long statelessCalls = stats.Calls - sessionCalls;

        return (sessionCalls, sessionSeconds, statelessCalls, statelessSeconds);
    }

    private static long Heap()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static HttpRequestMessage Post(Uri endpoint, string body, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2025-11-25");
        if (session is not null) request.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
        return request;
    }

    private static string EchoCall(int id, string text) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(CultureInfo.InvariantCulture) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"" + text + "\"}}}";

    private static async Task<Outcome> StatelessCallAsync(HttpClient client, Uri endpoint, int worker, int n)
    {
        string expected = $"w{worker}-{n}";
        try
        {
            using var response = await client.SendAsync(Post(endpoint, EchoCall(n, expected), null));
            if (response.StatusCode != HttpStatusCode.OK) return Outcome.Lost;
            return Check([await response.Content.ReadAsStringAsync()], n, expected);
        }
        catch (HttpRequestException) { return Outcome.Lost; }
        catch (TaskCanceledException) { return Outcome.Lost; }
    }

    /// <summary>Counts the responses with this id among the messages: one with the right text is OK.</summary>
    private static Outcome Check(IEnumerable<string> messages, int id, string expected)
    {
        int matches = 0;
        bool right = false;
        foreach (var json in messages)
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("id", out var idElement) || root.TryGetProperty("method", out _)) continue; // a notification or request
            if (idElement.ValueKind != JsonValueKind.Number || idElement.GetInt32() != id) return Outcome.Mismatched;
            matches++;
            right = root.TryGetProperty("result", out var result) && result.GetProperty("content")[0].GetProperty("text").GetString() == expected;
        }
        return matches == 0 ? Outcome.Lost : matches > 1 ? Outcome.Duplicated : right ? Outcome.Ok : Outcome.Mismatched;
    }

    private enum Outcome { Ok, Lost, Duplicated, Mismatched }

    private sealed class Stats
    {
        private long _calls, _lost, _duplicated, _mismatched;
        public List<string> Failures { get; } = [];
        public long Calls => Interlocked.Read(ref _calls);
        public long Lost => Interlocked.Read(ref _lost);
        public long Duplicated => Interlocked.Read(ref _duplicated);
        public long Mismatched => Interlocked.Read(ref _mismatched);

        public void Record(Outcome outcome)
        {
            Interlocked.Increment(ref _calls);
            switch (outcome)
            {
                case Outcome.Lost: Interlocked.Increment(ref _lost); break;
                case Outcome.Duplicated: Interlocked.Increment(ref _duplicated); break;
                case Outcome.Mismatched: Interlocked.Increment(ref _mismatched); break;
            }
        }

        public void Fail(string message)
        {
            lock (Failures) Failures.Add(message);
        }
    }

    /// <summary>One client session: SSE responses, its own id sequence.</summary>
    private sealed class Session(HttpClient client, Uri endpoint, string id, int index)
    {
        public string Id { get; } = id;

        public static async Task<Session> OpenAsync(HttpClient client, Uri endpoint, int index)
        {
            using var response = await client.SendAsync(Post(endpoint,
                """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"load","version":"1"}}}""", null));
            response.EnsureSuccessStatusCode();
            string id = response.Headers.GetValues("Mcp-Session-Id").Single();
            await response.Content.ReadAsStringAsync();
            using var initialized = await client.SendAsync(Post(endpoint, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", id));
            if (initialized.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"initialized got {(int)initialized.StatusCode}");
            return new Session(client, endpoint, id, index);
        }

        public async Task<Outcome> CallAsync(int n)
        {
            string expected = $"s{index}-{n}";
            try
            {
                using var response = await client.SendAsync(Post(endpoint, EchoCall(n, expected), Id));
                if (response.StatusCode != HttpStatusCode.OK) return Outcome.Lost;
                string body = await response.Content.ReadAsStringAsync();
                var data = body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal) && l.Length > 6).Select(l => l[6..]);
                return Check(data, n, expected);
            }
            catch (HttpRequestException) { return Outcome.Lost; }
            catch (TaskCanceledException) { return Outcome.Lost; }
        }

        public async Task DeleteAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, endpoint);
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", Id);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }
}
