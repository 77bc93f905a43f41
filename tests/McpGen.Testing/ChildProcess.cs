using System.Diagnostics;

namespace McpGen.Testing;

/// <summary>Runs a command to completion (dotnet build, dotnet pack) and returns its exit code and output.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="command"/> with <paramref name="args"/>; stdout then stderr are returned together.</summary>
    /// <exception cref="OperationCanceledException">It ran longer than <paramref name="timeout"/> (default 5 minutes).</exception>
    public static async Task<(int Exit, string Output)> RunAsync(string command, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
