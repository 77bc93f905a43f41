using System.Diagnostics;

namespace McpGen.Benchmarks.Runner;

/// <summary>The stdio measurements: cold start, pipelined throughput, sequential latency, peak memory.</summary>
internal static class Measurements
{
    public const string Initialize = """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";
    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>The mix of the three tools, by request number.</summary>
    public static string Call(int id) => (id % 3) switch
    {
        0 => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hello " + id + "\"}}}",
        1 => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":" + id + ",\"b\":2}}}",
        _ => "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"search_orders\",\"arguments\":{\"query\":{\"customer\":\"ada\",\"limit\":10,\"status\":\"Shipped\",\"tags\":[\"a\",\"b\"]}}}}",
    };

    /// <summary>Process spawn to the initialize response, median of <paramref name="runs"/>.</summary>
    public static async Task<double> ColdStartMsAsync(ServerSpec spec, int runs)
    {
        var samples = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var server = StdioServerProcess.Start(spec);
            await server.SendAsync(Initialize);
            await server.ReadResponseAsync();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    public static async Task<StdioResult> ThroughputAndLatencyAsync(ServerSpec spec, int pipelinedCalls, int window, int sequentialCalls)
    {
        await using var server = StdioServerProcess.Start(spec);
        await server.SendAsync(Initialize);
        await server.ReadResponseAsync();
        await server.SendAsync(Initialized);
        long idleRss = server.RssBytes();

        // Warm-up: the JIT (if any) and caches, not measured.
        for (int i = 1; i <= 300; i++) { await server.SendAsync(Call(i)); await server.ReadResponseAsync(); }

        // Pipelined: keep `window` requests outstanding.
        int sent = 0, received = 0, firstId = 1_000_000;
        var watch = Stopwatch.StartNew();
        var batch = new List<string>();
        while (sent < Math.Min(window, pipelinedCalls)) batch.Add(Call(firstId + sent++));
        await server.SendManyAsync(batch);
        while (received < pipelinedCalls)
        {
            await server.ReadResponseAsync();
            received++;
            if (sent < pipelinedCalls) await server.SendAsync(Call(firstId + sent++));
        }
        double throughput = pipelinedCalls / watch.Elapsed.TotalSeconds;

        // Sequential round trips.
        var latencies = new List<double>(sequentialCalls);
        for (int i = 0; i < sequentialCalls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await server.SendAsync(Call(2_000_000 + i));
            await server.ReadResponseAsync();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        latencies.Sort();
        return new StdioResult(throughput, Percentile(latencies, 0.50), Percentile(latencies, 0.99), idleRss, server.PeakRssBytes());
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    public static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal sealed record StdioResult(double CallsPerSecond, double P50Micros, double P99Micros, long IdleRssBytes, long PeakRssBytes);
