using System.Text;
using BenchmarkDotNet.Attributes;
using McpGen.Generators;
using McpGen.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace McpGen.Benchmarks;

/// <summary>
/// What the generated code costs a user's build (issue 16 item 11), measured in process so that a busy machine
/// disturbs it less than wall-clock builds: a project of 500 tools, each taking a record of its own, is recompiled
/// and emitted (IL + portable PDB) after a method-body edit, every file parsed anew and the generator run from scratch
/// (as csc does on every build, on the compiler server too), with the attributes and without them (the same code
/// without [McpTool], the generator still referenced). The process stays up, so the generator's code is jitted once,
/// as on the compiler server.
/// The Ratio column is the build-time ratio. tests/Benchmarks/BuildTime/build-time.sh measures the same with real
/// `dotnet build`s.
/// </summary>
[MemoryDiagnoser]
public class BuildCostBenchmarks
{
    private const int Tools = 500;
    private GeneratorDriver _withDriver = null!, _withoutDriver = null!;
    private CSharpCompilation _with = null!, _without = null!;
    private int _edit;

    /// <summary>The user project: 500 records and 500 tools in 10 files; <paramref name="variant"/> changes one body.</summary>
    public static IEnumerable<string> Sources(bool annotate, int variant)
    {
        for (int f = 0; f < Tools / 50; f++)
        {
            var sb = new StringBuilder("using System.Collections.Generic; using System.ComponentModel.DataAnnotations; using McpGen;\nnamespace User;\n");
            for (int t = f * 50; t < (f + 1) * 50; t++)
            {
                sb.AppendLine($"/// <summary>The request of tool {t}.</summary>");
                sb.AppendLine($"/// <param name=\"Name\">A name.</param>");
                sb.AppendLine($"public sealed record Request{t}(string Name, [property: Range(0, 100)] int Count = 1, bool Verbose = false, List<string>? Tags = null);");
            }
            sb.AppendLine($"public static class Tools{f}\n{{");
            for (int t = f * 50; t < (f + 1) * 50; t++)
            {
                sb.AppendLine($"    /// <summary>Tool number {t}.</summary>");
                if (annotate) sb.AppendLine("    [McpTool]");
                sb.AppendLine($"    public static string Tool{t}(Request{t} request) => request.Name + {(t == 0 ? variant : t)};");
            }
            sb.AppendLine("}");
            yield return sb.ToString();
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _with = Create(Sources(true, 0));
        _without = Create(Sources(false, 0));
        _withDriver = NewDriver().RunGenerators(_with);
        _withoutDriver = NewDriver().RunGenerators(_without);
    }

    // Source texts with an encoding, as files on disk have: the PDB needs it.
    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(SourceText.From(text, Encoding.UTF8), TestCompilation.ParseOptions, path);

    private static CSharpCompilation Create(IEnumerable<string> sources) =>
        TestCompilation.Create("User", []).AddSyntaxTrees(sources.Select((s, i) => Parse(s, $"Tools{i}.cs")));

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create([new McpServerGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: Environment.GetEnvironmentVariable("STEPS") == "1"));

    // As csc does on every build (on the compiler server too), each file is parsed anew: new syntax trees, the same
    // text but one.
    private static CSharpCompilation Edit(CSharpCompilation compilation, bool annotate, int variant) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(Sources(annotate, variant).Select((s, i) => Parse(s, $"Tools{i}.cs")));

    /// <summary>CPU seconds spent in the generator driver (not in compiling its output), summed since the last reset.</summary>
    private static double s_generatorCpu;

    private static readonly bool s_warmDriver = Environment.GetEnvironmentVariable("WARM_DRIVER") == "1";

    private static long Build(ref GeneratorDriver driver, CSharpCompilation edited)
    {
        var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        // csc keeps no generator driver across builds (the compiler server would only with /features:enable-generator-cache),
        // so every build runs the generator from scratch; WARM_DRIVER=1 keeps the driver, as an IDE does.
        if (!s_warmDriver) driver = NewDriver();
        driver = driver.RunGeneratorsAndUpdateCompilation(edited, out var output, out _);
        s_generatorCpu += (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = output.Emit(pe, pdb);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        return pe.Length;
    }

    /// <summary>
    /// The runner mode (<c>-- buildcost [runs]</c>): rebuilds alternately with and without the attributes after a warm-up,
    /// and prints the median CPU time and wall time of each and their ratios. CPU time (all threads of this process)
    /// is what a busy shared machine disturbs least; BenchmarkDotNet's mean is printed by the ordinary filter.
    /// </summary>
    public static void Run(int runs)
    {
        var b = new BuildCostBenchmarks();
        b.Setup();
        // JIT and warm caches: Roslyn tiers up over the first rebuilds (the first takes about 5x a warm one), as a
        // long-lived compiler server does; two rounds left the JIT still at work in the measured runs.
        for (int i = 0; i < 8; i++) { b.Rebuild_with_attributes(); b.Rebuild_without_attributes(); }
        var with = new List<(double Cpu, double Wall)>();
        var without = new List<(double Cpu, double Wall)>();
        double generatorWith = 0, generatorWithout = 0;
        for (int i = 0; i < runs; i++)
        {
            s_generatorCpu = 0;
            with.Add(Measure(() => b.Rebuild_with_attributes()));
            generatorWith += s_generatorCpu;
            s_generatorCpu = 0;
            without.Add(Measure(() => b.Rebuild_without_attributes()));
            generatorWithout += s_generatorCpu;
        }
        static double Median(IEnumerable<double> xs) { var a = xs.Order().ToArray(); return a[a.Length / 2]; }
        double wc = Median(with.Select(x => x.Cpu)), ww = Median(with.Select(x => x.Wall));
        double oc = Median(without.Select(x => x.Cpu)), ow = Median(without.Select(x => x.Wall));
        var (files, lines, bytes) = b.GeneratedSize();
        var generatorTime = b._withDriver.GetTimingInfo().ElapsedTime;
        if (Environment.GetEnvironmentVariable("STEPS") == "1")
            foreach (var (name, steps) in b._withDriver.GetRunResult().Results[0].TrackedSteps)
                Console.WriteLine($"  step {name}: {steps.Length} runs, {steps.Sum(x => x.ElapsedTime.TotalMilliseconds):F1} ms, {steps.Sum(x => x.Outputs.Count(o => o.Reason != IncrementalStepRunReason.Cached && o.Reason != IncrementalStepRunReason.Unchanged))} changed outputs");
        Console.WriteLine($"{Tools} tools, rebuild after a body edit, median of {runs} (alternating), generator driver {(s_warmDriver ? "kept" : "new per build")}:");
        Console.WriteLine($"  with attributes:    CPU {wc:F2} s, wall {ww:F2} s");
        Console.WriteLine($"  without attributes: CPU {oc:F2} s, wall {ow:F2} s");
        Console.WriteLine($"  ratio:              CPU {wc / oc:F2}x, wall {ww / ow:F2}x");
        Console.WriteLine($"  generated:          {files} files, {lines} lines, {bytes} bytes");
        Console.WriteLine($"  generator driver:   CPU {generatorWith / runs:F2} s with, {generatorWithout / runs:F2} s without (mean; the last run's generator time {generatorTime.TotalMilliseconds:F0} ms)");
    }

    private static (double Cpu, double Wall) Measure(Action build)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        build();
        wall.Stop();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalSeconds, wall.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The generator-only mode (<c>-- buildcost-generator [runs]</c>): runs the generator from scratch on freshly parsed
    /// files, as csc does on every build, without compiling its output; prints the median CPU time of the first
    /// <paramref name="runs"/> runs in this process (the generator's code still being jitted, as a csc without the compiler
    /// server runs it on every build) and of as many more after it has warmed up (as on the compiler server).
    /// </summary>
    public static void RunGeneratorOnly(int runs)
    {
        var cold = new List<double>();
        var warm = new List<double>();
        for (int i = 0; i < runs + 10 + runs; i++)
        {
            var compilation = Create(Sources(true, i));
            var time = Measure(() => NewDriver().RunGenerators(compilation));
            if (i < runs) cold.Add(time.Cpu);
            else if (i >= runs + 10) warm.Add(time.Cpu);
        }
        static double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
        Console.WriteLine($"{Tools} tools, the generator alone on a fresh compilation: CPU {Median(cold):F2} s over the first {runs} runs in this process (runs: {string.Join(" ", cold.Select(c => c.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}), {Median(warm):F2} s warm (median of {runs})");
    }

    /// <summary>Writes the generated sources of the 500-tool project to <paramref name="directory"/> (to read them).</summary>
    public static void Dump(string directory)
    {
        var b = new BuildCostBenchmarks();
        b.Setup();
        Directory.CreateDirectory(directory);
        foreach (var tree in b._withDriver.GetRunResult().GeneratedTrees)
            File.WriteAllText(Path.Combine(directory, Path.GetFileName(tree.FilePath)), tree.GetText().ToString());
    }

    /// <summary>
    /// The experiment mode (<c>-- buildcost-dir runs DIR...</c>): the same comparison with the generator replaced by the
    /// <c>*.cs</c> files of each directory (a dump, edited by hand), to price changes to the emitted code before the
    /// emitter is changed. The variants are rebuilt in turn in one process, so that they share the machine's noise.
    /// </summary>
    public static void RunWithFiles(int runs, IReadOnlyList<string> directories)
    {
        // As RunGeneratorsAndUpdateCompilation does: the edited user compilation, plus the (cached, already parsed)
        // generated trees added to it on every build.
        var variants = new List<(string Name, CSharpCompilation User, SyntaxTree[] Generated, bool Annotate)> { ("(without attributes)", Create(Sources(false, 0)), [], false) };
        foreach (var directory in directories)
        {
            var files = Directory.GetFiles(directory, "*.cs").Order().Select(f => Parse(File.ReadAllText(f), f)).ToArray();
            variants.Add((directory, Create(Sources(true, 0)), files, true));
        }
        int edit = 0;
        var cpu = variants.Select(_ => new List<double>()).ToList();
        for (int round = 0; round < 6 + runs; round++)
            for (int v = 0; v < variants.Count; v++)
            {
                var edited = Edit(variants[v].User, variants[v].Annotate, ++edit);
                variants[v] = variants[v] with { User = edited };
                var generated = variants[v].Generated;
                var time = Measure(() =>
                {
                    using var pe = new MemoryStream();
                    using var pdb = new MemoryStream();
                    var result = edited.AddSyntaxTrees(generated).Emit(pe, pdb);
                    if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
                });
                if (round >= 6) cpu[v].Add(time.Cpu);
            }
        static double Median(List<double> xs) { xs.Sort(); return xs[xs.Count / 2]; }
        double baseline = Median(cpu[0]);
        for (int v = 0; v < variants.Count; v++)
            Console.WriteLine($"{variants[v].Name}: CPU {Median(cpu[v]):F2} s, {Median(cpu[v]) / baseline:F2}x");
    }

    private (int Files, int Lines, long Bytes) GeneratedSize()
    {
        var trees = _withDriver.GetRunResult().GeneratedTrees;
        var texts = trees.Select(t => t.GetText().ToString()).ToList();
        return (texts.Count, texts.Sum(t => t.Count(c => c == '\n')), texts.Sum(t => (long)Encoding.UTF8.GetByteCount(t)));
    }

    [Benchmark(Baseline = true)]
    public long Rebuild_without_attributes() => Build(ref _withoutDriver, Edit(_without, annotate: false, ++_edit));

    [Benchmark]
    public long Rebuild_with_attributes() => Build(ref _withDriver, Edit(_with, annotate: true, ++_edit));
}
