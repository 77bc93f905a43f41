using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace McpGen.Benchmarks.Runner;

/// <summary>
/// HTTP throughput and latency under wrk (Debian's package): one wrk thread and <c>connections</c> keep-alive connections
/// posting the same tools/call, sharing the machine's cores with the server, as a real load test on one box does.
/// </summary>
internal static partial class HttpMeasurements
{
    public const string AddCall = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}""";

    public static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

    /// <summary>Opens a session (initialize + notifications/initialized) and returns its id, or null for a stateless server.</summary>
    public static async Task<string?> InitializeAsync(HttpClient client, Uri endpoint)
    {
        using var response = await client.SendAsync(Post(endpoint, Measurements.Initialize, null));
        response.EnsureSuccessStatusCode();
        string body = await response.Content.ReadAsStringAsync();
        if (!body.Contains("\"protocolVersion\"", StringComparison.Ordinal)) throw new InvalidOperationException($"initialize failed: {body}");
        string? session = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.Single() : null;
        using var initialized = await client.SendAsync(Post(endpoint, Measurements.Initialized, session));
        if ((int)initialized.StatusCode != 202) throw new InvalidOperationException($"notifications/initialized got {(int)initialized.StatusCode}");
        return session;
    }

    /// <summary>One call by hand first: a server that answers wrongly must not be timed.</summary>
    public static async Task CheckAnswerAsync(HttpClient client, Uri endpoint, string? session)
    {
        using var response = await client.SendAsync(Post(endpoint, AddCall, session));
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains("\"text\":\"3\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"{endpoint} answered tools/call add(1,2) with {(int)response.StatusCode}: {body}");
    }

    public static async Task<HttpResult> RunWrkAsync(string wrk, Uri endpoint, string? session, int seconds, int connections)
    {
        string script = Path.Combine(Path.GetTempPath(), $"mcpgen-wrk-{Environment.ProcessId}.lua");
        var lua = new StringBuilder()
            .AppendLine("wrk.method = \"POST\"")
            .AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"")
            .AppendLine("wrk.headers[\"Accept\"] = \"application/json, text/event-stream\"")
            .AppendLine("wrk.headers[\"MCP-Protocol-Version\"] = \"2025-11-25\"")
            .AppendLine(CultureInfo.InvariantCulture, $"wrk.body = '{AddCall}'");
        if (session is not null) lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"Mcp-Session-Id\"] = \"{session}\"");
        await File.WriteAllTextAsync(script, lua.ToString());
        try
        {
            var info = new ProcessStartInfo(wrk, ["-t1", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, endpoint.ToString()])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(info)!;
            string output = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException($"wrk failed: {output}{await p.StandardError.ReadToEndAsync()}");
            var rps = RequestsPerSecond().Match(output);
            if (!rps.Success) throw new InvalidOperationException($"wrk printed no Requests/sec:\n{output}");
            var non2xx = Non2xx().Match(output);
            var errors = SocketErrors().Match(output);
            return new HttpResult(
                double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
                Latency(output, "50%"), Latency(output, "99%"),
                (non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0) + (errors.Success ? 1 : 0),
                output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success) return double.NaN;
        double value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value, "ms" => value * 1000, _ => value * 1_000_000 };
    }

    private static HttpRequestMessage Post(Uri endpoint, string body, string? session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", "2025-11-25");
        if (session is not null) request.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
        return request;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors:")]
    private static partial Regex SocketErrors();
}

/// <summary>What wrk measured; <paramref name="Failures"/> counts non-2xx responses (and 1 if wrk saw socket errors).</summary>
internal sealed record HttpResult(double RequestsPerSecond, double P50Micros, double P99Micros, long Failures, string WrkOutput);
