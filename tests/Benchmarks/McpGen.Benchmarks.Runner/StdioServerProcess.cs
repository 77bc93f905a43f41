using System.Diagnostics;
using System.Text;

namespace McpGen.Benchmarks.Runner;

/// <summary>A bench server started as a child process; requests written to stdin, response lines read from stdout.</summary>
internal sealed class StdioServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly StreamReader _stdout;

    private StdioServerProcess(Process process)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public static StdioServerProcess Start(ServerSpec spec)
    {
        var info = new ProcessStartInfo(spec.Command) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in spec.Args) info.ArgumentList.Add(a);
        return new StdioServerProcess(Process.Start(info)!);
    }

    public async Task SendAsync(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await _stdin.WriteAsync(bytes);
        await _stdin.FlushAsync();
    }

    public async Task SendManyAsync(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines) sb.Append(line).Append('\n');
        await _stdin.WriteAsync(Encoding.UTF8.GetBytes(sb.ToString()));
        await _stdin.FlushAsync();
    }

    public Task<string?> ReadLineAsync() => _stdout.ReadLineAsync();

    /// <summary>Reads lines until a response (a line with "id" and no "method") arrives.</summary>
    public async Task<string> ReadResponseAsync()
    {
        while (true)
        {
            var line = await _stdout.ReadLineAsync() ?? throw new InvalidOperationException("The server closed stdout.");
            if (!line.Contains("\"method\"", StringComparison.Ordinal)) return line;
        }
    }

    /// <summary>Peak resident set size (VmHWM) in bytes.</summary>
    public long PeakRssBytes() => Status("VmHWM:");

    /// <summary>Resident set size now (VmRSS) in bytes.</summary>
    public long RssBytes() => Status("VmRSS:");

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        try { _stdin.Close(); } catch (IOException) { }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { try { _process.Kill(true); } catch (InvalidOperationException) { } }
        _process.Dispose();
    }
}

/// <summary>How to start one bench server.</summary>
internal sealed record ServerSpec(string Name, string Command, string[] Args, string? Binary, string? HttpCommand = null, string[]? HttpArgs = null);
