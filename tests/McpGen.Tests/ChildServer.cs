using System.Diagnostics;
using System.Text.Json;

namespace McpGen.Tests;

/// <summary>A server run as a real child process over stdio.</summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly SemaphoreSlim _lineArrived = new(0);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildServer(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _stdoutClosed.TrySetResult(); _lineArrived.Release(); return; }
            lock (_stdout) _stdout.Add(e.Data);
            _lineArrived.Release();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public IReadOnlyList<string> StdoutLines { get { lock (_stdout) return _stdout.ToArray(); } }

    public string Stderr { get { lock (_stderr) return string.Join("\n", _stderr); } }

    /// <summary>Where the build put a project's output, next to this test assembly's configuration.</summary>
    public static string ProjectOutput(string relativeProjectDir, string assemblyName)
    {
        string here = AppContext.BaseDirectory; // tests/McpGen.Tests/bin/<Config>/net10.0/
        string config = new DirectoryInfo(here).Parent!.Name;
        string root = Path.GetFullPath(Path.Combine(here, "../../../../.."));
        string path = Path.Combine(root, relativeProjectDir, "bin", config, "net10.0", assemblyName + ".dll");
        if (!File.Exists(path)) throw new FileNotFoundException("Build the solution first.", path);
        return path;
    }

    public static ChildServer StartTestServer(params string[] args) => Start(ProjectOutput("tests/McpGen.TestServer", "McpGen.TestServer"), args);

    public static ChildServer StartEverything() => Start(ProjectOutput("samples/Everything", "Everything"), []);

    public static ChildServer Start(string dll, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return new ChildServer(Process.Start(info)!);
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    public void Signal(string signal) => Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<JsonElement> WaitForJsonAsync(Func<JsonElement, bool> predicate, int timeoutMs = 15_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        int seen = 0;
        while (true)
        {
            var lines = StdoutLines;
            for (; seen < lines.Count; seen++)
            {
                var element = JsonDocument.Parse(lines[seen]).RootElement.Clone();
                if (predicate(element)) return element;
            }
            if (_stdoutClosed.Task.IsCompleted && seen >= StdoutLines.Count)
                throw new InvalidOperationException("The server closed stdout. stderr:\n" + Stderr);
            try { await _lineArrived.WaitAsync(cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException("No matching line. stdout:\n" + string.Join("\n", StdoutLines) + "\nstderr:\n" + Stderr); }
        }
    }

    public Task<JsonElement> WaitForResponseAsync(int id) => WaitForJsonAsync(m => m.IsResponseTo(id));

    public async Task<int> WaitForExitAsync(int timeoutMs = 20_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        await _process.WaitForExitAsync(cts.Token);
        await _stdoutClosed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    public const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
