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

    /// <summary>The same call in revision 2026-07-28: no session; the per-request metadata rides in <c>params._meta</c>.</summary>
    public const string AddCall2026 = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"}}}}""";

    /// <summary>Today's request: the 2025-11-25 tools/call (inside a session when the server has one).</summary>
    public static readonly HttpCall Call2025 = new(AddCall, [new("MCP-Protocol-Version", "2025-11-25")], ["\"text\":\"3\""], NeedsSession: true);

    /// <summary>The 2026-07-28 request with its routing headers (checked by the server against the body); the answer must be a complete result.</summary>
    public static readonly HttpCall Call2026 = new(AddCall2026,
        [new("MCP-Protocol-Version", "2026-07-28"), new("Mcp-Method", "tools/call"), new("Mcp-Name", "add")],
        ["\"text\":\"3\"", "\"resultType\":\"complete\""], NeedsSession: false);

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
    public static async Task CheckAnswerAsync(HttpClient client, Uri endpoint, string? session, HttpCall call)
    {
        using var response = await client.SendAsync(Post(endpoint, call.Body, session, call.Headers));
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || call.Expect.FirstOrDefault(e => !body.Contains(e, StringComparison.Ordinal)) is not null)
            throw new InvalidOperationException($"{endpoint} answered tools/call add(1,2) with {(int)response.StatusCode} (expected {string.Join(" and ", call.Expect)}): {body}");
    }

    public static async Task<HttpResult> RunWrkAsync(string wrk, Uri endpoint, string? session, int seconds, int connections, HttpCall call)
    {
        if (call.Body.Contains('\'', StringComparison.Ordinal)) throw new ArgumentException("the body is written into a single-quoted lua string", nameof(call));
        string script = Path.Combine(Path.GetTempPath(), $"mcpgen-wrk-{Environment.ProcessId}.lua");
        var lua = new StringBuilder()
            .AppendLine("wrk.method = \"POST\"")
            .AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"")
            .AppendLine("wrk.headers[\"Accept\"] = \"application/json, text/event-stream\"");
        foreach (var (name, value) in call.Headers) lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"{name}\"] = \"{value}\"");
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.body = '{call.Body}'");
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

    private static HttpRequestMessage Post(Uri endpoint, string body, string? session, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        foreach (var (name, value) in headers ?? Call2025.Headers) request.Headers.TryAddWithoutValidation(name, value);
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

/// <summary>
/// The request a target is timed with: its body, the headers beside it (the wrk script sets them), the fragments its
/// answer must contain, and whether it goes inside a session (initialize first, when the server hands one out).
/// </summary>
internal sealed record HttpCall(string Body, KeyValuePair<string, string>[] Headers, string[] Expect, bool NeedsSession);

/// <summary>What wrk measured; <paramref name="Failures"/> counts non-2xx responses (and 1 if wrk saw socket errors).</summary>
internal sealed record HttpResult(double RequestsPerSecond, double P50Micros, double P99Micros, long Failures, string WrkOutput);
