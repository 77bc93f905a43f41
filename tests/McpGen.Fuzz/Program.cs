using System.Diagnostics;
using McpGen.Fuzz;

// McpGen's mutation fuzzer. Usage: McpGen.Fuzz [--seed N] [--seconds S] [--server path/to/Everything.dll]
// CI runs a fixed seed for about a minute; a longer run is the same command with more seconds.
int seed = 20261124;
double seconds = 60;
string? server = null;
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--seed") seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else if (args[i] == "--seconds") seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else if (args[i] == "--server") server = args[++i];
}
string baseDir = AppContext.BaseDirectory;
string config = new DirectoryInfo(baseDir).Parent!.Name;
string root = Path.GetFullPath(Path.Combine(baseDir, "../../../../.."));
server ??= Environment.GetEnvironmentVariable("MCPGEN_EVERYTHING_DLL") ?? Path.Combine(root, "samples/Everything/bin", config, "net10.0/Everything.dll");

var seeds = File.ReadAllLines(Path.Combine(baseDir, "Corpus/seeds.jsonl")).Where(l => l.Length > 0).Select(System.Text.Encoding.UTF8.GetBytes).ToList();
var random = new Random(seed);
var mutator = new Mutator(random, seeds);
var findings = new Findings(Path.Combine(root, "tests/McpGen.Fuzz/Corpus/findings"));
Console.WriteLine($"McpGen fuzz: seed {seed}, {seconds:0} s, {seeds.Count} seeds, server {server}");

// Earlier findings are replayed first: they are regression tests.
string regressions = Path.Combine(baseDir, "Corpus/regressions");
int replayed = 0;
if (Directory.Exists(regressions))
{
    foreach (var file in Directory.GetFiles(regressions))
    {
        replayed++;
        if (ParserTarget.Check(File.ReadAllBytes(file)) is { } failure) findings.Add("regression", Path.GetFileName(file), [], failure);
    }
}

var outcomes = new List<FuzzOutcome>();
var watch = Stopwatch.StartNew();
outcomes.Add(ParserTarget.Run(mutator, seeds, random, TimeSpan.FromSeconds(seconds * 0.25), findings));
outcomes.Add(await BinderTarget.RunAsync(mutator, random, TimeSpan.FromSeconds(seconds * 0.25), findings));
await using (var live = new LiveServerTarget(server))
{
    outcomes.Add(await live.RunAsync(mutator, seeds, random, TimeSpan.FromSeconds(seconds * 0.25), findings));
}
await using (var http = await HttpTarget.StartAsync())
{
    outcomes.Add(await http.RunAsync(mutator, seeds, random, TimeSpan.FromSeconds(seconds * 0.25), findings));
}

foreach (var o in outcomes) Console.WriteLine($"  {o.Target}: {o.Executions:N0} executions");
Console.WriteLine($"  regressions replayed: {replayed}");
Console.WriteLine($"  total: {outcomes.Sum(o => o.Executions):N0} executions in {watch.Elapsed.TotalSeconds:0.0} s, {findings.Count} finding(s)");
foreach (var message in findings.Messages.Take(50)) Console.WriteLine("  FINDING " + message);
int targets = outcomes.Count + (replayed > 0 ? 1 : 0);
int failed = findings.Count > 0 ? 1 : 0;
Console.WriteLine($"{targets - failed} passed, {failed} failed");
return failed == 0 ? 0 : 1;
