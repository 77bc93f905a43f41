using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace McpGen.Packaging.Tests;

/// <summary>
/// The templates as a user gets them: <c>dotnet new install McpGen.Templates</c> from the local feed (into a private
/// template hive: <c>DOTNET_CLI_HOME</c> points at the test's folder, so the machine's own templates are untouched),
/// <c>dotnet new mcpgen-stdio</c> / <c>mcpgen-http</c>, build, run, call a tool; native AOT publish and run; the
/// stdio project packed as a NuGet MCP server and run with <c>dotnet tool exec</c> and <c>dnx</c> from a feed.
/// </summary>
/// <remarks>
/// Native AOT publishes are slow on a shared machine: by default only the stdio project is published native AOT;
/// with <c>MCPGEN_FULL=1</c> the HTTP project is too.
/// </remarks>
[Collection(PackagesCollection.Name)]
public sealed partial class TemplateTests(PackageTests.Packed packed)
{
    private static bool Full => Environment.GetEnvironmentVariable("MCPGEN_FULL") == "1";

    private string Root => Path.Combine(packed.Work, "templates");

    private string CliHome => Path.Combine(packed.Work, "cli-home");

    [Fact]
    public async Task The_stdio_template_builds_runs_publishes_native_aot_and_packs_as_a_NuGet_MCP_server_run_by_dnx()
    {
        string dir = await NewProjectAsync("mcpgen-stdio", "StdioServer");
        Assert.True(File.Exists(Path.Combine(dir, ".mcp", "server.json")), "the template carries .mcp/server.json");

        var (exit, output) = await RunAsync("dotnet", ["build", dir, "-c", "Release", "-nologo"]);
        Assert.True(exit == 0, output);
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", output); // a fresh project builds clean, analyzers included
        await AssertStdioServerAsync("dotnet", [Path.Combine(dir, "bin", "Release", "net10.0", "StdioServer.dll")], "StdioServer");

        // Native AOT: zero trim/AOT warnings, and the binary serves.
        string aot = Path.Combine(dir, "aot");
        (exit, output) = await RunAsync("dotnet", ["publish", dir, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-nologo", "-o", aot], TimeSpan.FromMinutes(15));
        Assert.True(exit == 0, output);
        Assert.DoesNotMatch(@"warning IL\d+", output);
        await AssertStdioServerAsync(Path.Combine(aot, "StdioServer"), [], "StdioServer");

        // A NuGet MCP server: a tool package of package type McpServer with .mcp/server.json.
        string toolFeed = Path.Combine(Root, "tool-feed");
        string version = packed.Version;   // unique per run, so no cached copy of an earlier run answers
        (exit, output) = await RunAsync("dotnet", ["pack", dir, "-c", "Release", "-nologo", "-o", toolFeed, $"-p:PackageVersion={version}"]);
        Assert.True(exit == 0, output);
        using (var zip = ZipFile.OpenRead(Path.Combine(toolFeed, $"StdioServer.{version}.nupkg")))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains(".mcp/server.json", entries);
            Assert.Contains("tools/net10.0/any/StdioServer.dll", entries);
            Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
            using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var types = XDocument.Load(nuspecStream).Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")!.Value).ToArray();
            Assert.Contains("DotnetTool", types);
            Assert.Contains("McpServer", types);
            using var serverJson = zip.GetEntry(".mcp/server.json")!.Open();
            var package = JsonDocument.Parse(serverJson).RootElement.GetProperty("packages")[0];
            Assert.Equal("nuget", package.GetProperty("registryType").GetString());
            Assert.Equal("StdioServer", package.GetProperty("identifier").GetString());
            Assert.Equal("stdio", package.GetProperty("transport").GetProperty("type").GetString());
        }

        // What a client configures: `dotnet tool exec <id>` and `dnx <id>` (the SDK's shorthand for it).
        await AssertStdioServerAsync("dotnet", ["tool", "exec", "StdioServer", "--version", version, "--yes", "--add-source", toolFeed], "StdioServer");
        string dnx = Path.Combine(Path.GetDirectoryName(DotnetPath())!, "dnx");
        if (File.Exists(dnx)) await AssertStdioServerAsync(dnx, ["StdioServer", "--version", version, "--yes", "--add-source", toolFeed], "StdioServer");
        else await AssertStdioServerAsync("dotnet", ["dnx", "StdioServer", "--version", version, "--yes", "--add-source", toolFeed], "StdioServer");
    }

    [Fact]
    public async Task The_http_template_builds_and_serves_on_loopback_and_publishes_native_aot_in_full_mode()
    {
        string dir = await NewProjectAsync("mcpgen-http", "HttpServer");
        var (exit, output) = await RunAsync("dotnet", ["build", dir, "-c", "Release", "-nologo"]);
        Assert.True(exit == 0, output);
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", output);
        await AssertHttpServerAsync("dotnet", [Path.Combine(dir, "bin", "Release", "net10.0", "HttpServer.dll"), "--urls", "http://127.0.0.1:0"]);

        if (!Full) return;   // CI publishes the stdio template native AOT; MCPGEN_FULL=1 publishes this one too
        string aot = Path.Combine(dir, "aot");
        (exit, output) = await RunAsync("dotnet", ["publish", dir, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-nologo", "-o", aot], TimeSpan.FromMinutes(15));
        Assert.True(exit == 0, output);
        Assert.DoesNotMatch(@"warning IL\d+", output);
        await AssertHttpServerAsync(Path.Combine(aot, "HttpServer"), ["--urls", "http://127.0.0.1:0"]);
    }

    private async Task<string> NewProjectAsync(string template, string name)
    {
        await InstallTemplatesAsync();
        string dir = Path.Combine(Root, name);
        var (exit, output) = await RunAsync("dotnet", ["new", template, "-n", name, "-o", dir]);
        Assert.True(exit == 0, output);
        string csproj = await File.ReadAllTextAsync(Path.Combine(dir, name + ".csproj"));
        Assert.Contains($"Include=\"McpGen\" Version=\"{packed.Version}\"", csproj, StringComparison.Ordinal); // the McpGen packed with the templates
        return dir;
    }

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private async Task InstallTemplatesAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Root, "nuget.config"))) return;
            Directory.CreateDirectory(Root);
            // A user's folder: no repository MSBuild settings above it; the local feed in a project-local nuget.config.
            foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                await File.WriteAllTextAsync(Path.Combine(Root, file), "<Project />");
            var (exit, output) = await RunAsync("dotnet", ["new", "install", Path.Combine(packed.Feed, $"McpGen.Templates.{packed.Version}.nupkg")]);
            Assert.True(exit == 0, output);
            Assert.Contains("mcpgen-stdio", output, StringComparison.Ordinal);
            Assert.Contains("mcpgen-http", output, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(CliHome, ".templateengine")), "templates went to the private hive");
            await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="mcpgen-local" value="{packed.Feed}" />
                  </packageSources>
                </configuration>
                """);
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private ProcessStartInfo Start(string command, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_HOME"] = CliHome;   // private template hive and tool cache; the user's stay as they are
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        info.Environment["NuGetAudit"] = "false";
        return info;
    }

    private async Task<(int Exit, string Output)> RunAsync(string command, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        using var process = Process.Start(Start(command, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>initialize, tools/call add(2, 40) over stdio; every stdout line must be JSON-RPC; exit 0 at stdin EOF.</summary>
    private async Task AssertStdioServerAsync(string command, IEnumerable<string> args, string serverName)
    {
        using var server = Process.Start(Start(command, args))!;
        var stderr = server.StandardError.ReadToEndAsync();
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"templates","version":"1"}}}""");
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":40}}}""");
        await server.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));   // dnx may restore the package first
        var responses = new Dictionary<int, JsonElement>();
        try
        {
            while (responses.Count < 2)
            {
                string line = await server.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"{command}: stdout closed: {await stderr}");
                var message = JsonDocument.Parse(line).RootElement.Clone();   // anything but JSON on stdout fails here
                Assert.Equal("2.0", message.GetProperty("jsonrpc").GetString());
                if (message.TryGetProperty("id", out var id)) responses[id.GetInt32()] = message;
            }
            Assert.Equal(serverName, responses[1].GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
            Assert.Equal("42", responses[2].GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
            server.StandardInput.Close();
            Assert.Null(await server.StandardOutput.ReadLineAsync(timeout.Token));   // nothing after the responses either
            await server.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Streamable HTTP as the template serves it (stateful, SSE): initialize, initialized, tools/call with the session id.</summary>
    private async Task AssertHttpServerAsync(string command, IEnumerable<string> args)
    {
        using var web = Process.Start(Start(command, args))!;
        var stderr = new StringBuilder();
        web.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        web.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? endpoint = null;
            while (endpoint is null)
            {
                string line = await web.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the HTTP server exited: " + stderr);
                var m = EndpointLine().Match(line);
                if (m.Success) endpoint = m.Groups[1].Value;
            }
            Assert.StartsWith("http://127.0.0.1:", endpoint, StringComparison.Ordinal);
            using var client = new HttpClient();
            var (init, sessionId) = await PostAsync(client, endpoint, null, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"templates","version":"1"}}}""", timeout.Token);
            Assert.Equal("HttpServer", init!.Value.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
            Assert.False(string.IsNullOrEmpty(sessionId));
            await PostAsync(client, endpoint, sessionId, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", timeout.Token);
            var (call, _) = await PostAsync(client, endpoint, sessionId, """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{"name":"template"}}}""", timeout.Token);
            Assert.Equal("Hello, template!", call!.Value.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        }
        finally
        {
            web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
        }
    }

    /// <summary>POSTs one message; returns the JSON-RPC response (from the SSE stream or a JSON body) and the session id header.</summary>
    private static async Task<(JsonElement? Response, string? SessionId)> PostAsync(HttpClient client, string endpoint, string? sessionId, string json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (sessionId is not null) request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using var response = await client.SendAsync(request, ct);
        string body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        string? id = response.Headers.TryGetValues("Mcp-Session-Id", out var values) ? values.First() : sessionId;
        if (body.Length == 0) return (null, id);
        if (response.Content.Headers.ContentType?.MediaType == "application/json") return (JsonDocument.Parse(body).RootElement.Clone(), id);
        foreach (var line in body.Split('\n'))
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal) || line.Length <= 6) continue;
            var message = JsonDocument.Parse(line[5..]).RootElement.Clone();
            if (message.TryGetProperty("id", out _)) return (message, id);
        }
        throw new InvalidOperationException("no response in the SSE stream: " + body);
    }

    private static string DotnetPath()
    {
        string? path = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(path))
        {
            path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";
        }
        return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    [GeneratedRegex(@"MCP endpoint: (http://\S+)")]
    private static partial Regex EndpointLine();
}
