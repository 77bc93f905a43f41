using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Jobs;

// Run: dotnet run -c Release --project tests/Benchmarks/McpGen.Benchmarks -- --filter '*'
// Build cost of generated code (issue 16 item 11): ... -- buildcost [runs]; ... -- buildcost-dump DIR writes its generated files;
// ... -- buildcost-dir RUNS DIR... prices hand-edited generated files; ... -- buildcost-generator [runs] times the generator alone; STEPS=1 ... -- buildcost also prints the generator steps that ran
if (args.Length > 0 && args[0] == "buildcost")
{
    McpGen.Benchmarks.BuildCostBenchmarks.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}
if (args.Length > 0 && args[0] == "buildcost-generator")
{
    McpGen.Benchmarks.BuildCostBenchmarks.RunGeneratorOnly(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}
if (args.Length > 1 && args[0] == "buildcost-dump")
{
    McpGen.Benchmarks.BuildCostBenchmarks.Dump(args[1]);
    return;
}
if (args.Length > 1 && args[0] == "buildcost-dir")
{
    McpGen.Benchmarks.BuildCostBenchmarks.RunWithFiles(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2..]);
    return;
}
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(McpGen.Benchmarks.DispatchBenchmarks).Assembly).Run(args, config);
