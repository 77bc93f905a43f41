using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using System.Xml.Linq;
using McpGen.Testing;

namespace McpGen.Packaging.Tests;

/// <summary>
/// Packs McpGen and McpGen.AspNetCore (from the solution's build), then builds a fresh project outside the solution
/// that references them from a local folder feed, and talks MCP to it over stdio and HTTP.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class PackageTests(PackageTests.Packed packed)
{
    private readonly string _version = packed.Version;
    private string Feed => packed.Feed;
    private string App => Path.Combine(packed.Work, "app");

    /// <summary>Packs the packages (McpGen, McpGen.AspNetCore, McpGen.Templates) once for the test run, into a local folder feed.</summary>
    public sealed class Packed : IAsyncLifetime
    {
        public string Work { get; } = Path.Combine(Path.GetTempPath(), "mcpgen-pkg-" + Guid.NewGuid().ToString("N"));
        public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        public string Feed => Path.Combine(Work, "feed");

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Feed);
            string root = RepositoryPaths.Root;
            foreach (var project in new[] { "src/McpGen/McpGen.csproj", "src/McpGen.AspNetCore/McpGen.AspNetCore.csproj", "src/McpGen.Templates/McpGen.Templates.csproj" })
            {
                // --no-build: the packages carry exactly what the solution built; only the package version is unique per run.
                var (exit, output) = await ChildProcess.RunAsync("dotnet", ["pack", Path.Combine(root, project), "-c", RepositoryPaths.Configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}", "-nologo"]);
                Assert.True(exit == 0, output);
            }
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(Work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void The_McpGen_package_carries_the_runtime_generator_analyzers_docs_and_metadata()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"McpGen.{_version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
        {
            "lib/net10.0/McpGen.dll", "lib/net10.0/McpGen.xml", "lib/net8.0/McpGen.dll", "lib/net8.0/McpGen.xml",
            "analyzers/dotnet/cs/McpGen.Generators.dll", "analyzers/dotnet/cs/McpGen.Analyzers.dll", "analyzers/dotnet/cs/McpGen.Analyzers.CodeFixes.dll",
            "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }
        var nuspec = Nuspec(zip);
        Assert.Equal("MIT", nuspec.Descendants().Single(e => e.Name.LocalName == "license").Value);
        Assert.Equal("README.md", nuspec.Descendants().Single(e => e.Name.LocalName == "readme").Value);
        Assert.Equal("https://github.com/mcpgen/mcpgen", nuspec.Descendants().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value);
        Assert.DoesNotContain(nuspec.Descendants().Where(e => e.Name.LocalName == "dependency"), d => d.Attribute("id")!.Value.StartsWith("McpGen", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(Feed, $"McpGen.{_version}.snupkg")), "symbols package");
    }

    [Fact]
    public void The_AspNetCore_package_depends_on_McpGen_and_carries_docs_and_symbols()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Feed, $"McpGen.AspNetCore.{_version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/McpGen.AspNetCore.dll", entries);
        Assert.Contains("lib/net8.0/McpGen.AspNetCore.xml", entries);
        var dependency = Nuspec(zip).Descendants().First(e => e.Name.LocalName == "dependency" && e.Attribute("id")!.Value == "McpGen");
        Assert.Equal(_version, dependency.Attribute("version")!.Value);
        Assert.True(File.Exists(Path.Combine(Feed, $"McpGen.AspNetCore.{_version}.snupkg")), "symbols package");
    }

    [Fact]
    public async Task A_fresh_project_builds_from_the_packages_and_serves_its_tool_over_stdio_and_http()
    {
        await WriteAppAsync();
        var (exit, output) = await ChildProcess.RunAsync("dotnet", ["build", App, "-c", "Release", "-nologo", "-p:NuGetAudit=false"]);
        Assert.True(exit == 0, output);
        Assert.Contains("warning MCPGEN0007", output, StringComparison.Ordinal); // the analyzers came with the package
        string dll = Path.Combine(App, "bin", "Release", "net10.0", "App.dll");

        // stdio: a real child process.
        var stdio = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using (var server = Process.Start(stdio)!)
        {
            await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"pkg","version":"1"}}}""");
            await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
            await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
            await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"greet","arguments":{"name":"package"}}}""");
            await server.StandardInput.FlushAsync();
            var responses = new Dictionary<int, JsonElement>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (responses.Count < 3)
            {
                string line = await server.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("stdout closed: " + await server.StandardError.ReadToEndAsync());
                var message = JsonDocument.Parse(line).RootElement.Clone();
                if (message.TryGetProperty("id", out var id)) responses[id.GetInt32()] = message;
            }
            Assert.Equal("pkg-app", responses[1].GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
            var greet = responses[2].GetProperty("result").GetProperty("tools").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "greet");
            Assert.Equal("Greets someone.", greet.GetProperty("description").GetString());
            Assert.Equal("string", greet.GetProperty("inputSchema").GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
            Assert.Equal("Hello, package!", responses[3].GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
            server.StandardInput.Close();
            await server.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, server.ExitCode);
        }

        // HTTP: MapMcp from the McpGen.AspNetCore package, on 127.0.0.1.
        var http = new ProcessStartInfo("dotnet", [dll, "--http"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var web = Process.Start(http)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? endpoint = null;
            while (endpoint is null)
            {
                string line = await web.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the HTTP app exited: " + await web.StandardError.ReadToEndAsync());
                var m = ListeningLine().Match(line);
                if (m.Success) endpoint = m.Groups[1].Value;
            }
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new StringContent("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"greet","arguments":{"name":"web"}}}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await client.SendAsync(request, timeout.Token);
            string body = await response.Content.ReadAsStringAsync(timeout.Token);
            Assert.True(response.IsSuccessStatusCode, body);
            Assert.Equal("Hello, web!", JsonDocument.Parse(body).RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        }
        finally
        {
            web.Kill(entireProcessTree: true);
            await web.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task The_quiet_dotnet_run_form_prints_only_json_rpc_even_when_the_build_warns()
    {
        // The README's development command for clients: `dotnet run --project <dir> -v q -clp:ErrorsOnly`. The project
        // is fresh (never built), so this run compiles it, and its build warns (MCPGEN0007: a tool with no description).
        string dir = Path.Combine(packed.Work, "app-run");
        await WriteAppAsync(dir);
        var info = new ProcessStartInfo("dotnet", ["run", "--project", dir, "-v", "q", "-clp:ErrorsOnly"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.Environment["NuGetAudit"] = "false";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using (var server = Process.Start(info)!)
        {
            var stderr = server.StandardError.ReadToEndAsync();
            await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"pkg","version":"1"}}}""");
            await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{"name":"quiet"}}}""");
            await server.StandardInput.FlushAsync();
            server.StandardInput.Close();   // the server answers what it read, then exits at EOF
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var lines = new List<string>();
            while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line) lines.Add(line);
            await server.WaitForExitAsync(timeout.Token);
            Assert.True(server.ExitCode == 0, await stderr);
            Assert.True(lines.Count == 2, "stdout:\n" + string.Join('\n', lines));
            foreach (var line in lines)
                Assert.Equal("2.0", JsonDocument.Parse(line).RootElement.GetProperty("jsonrpc").GetString());   // JSON-RPC and nothing else
            Assert.Equal("Hello, quiet!", JsonDocument.Parse(lines[1]).RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        }

        // The same project does warn when it compiles: the run above had a warning to keep off stdout.
        var (exit, output) = await ChildProcess.RunAsync("dotnet", ["build", dir, "--no-incremental", "-nologo", "-p:NuGetAudit=false"]);
        Assert.True(exit == 0, output);
        Assert.Contains("warning MCPGEN0007", output, StringComparison.Ordinal);
    }

    private async Task WriteAppAsync(string? dir = null)
    {
        string App = dir ?? this.App;
        Directory.CreateDirectory(App);
        // Empty Directory.* files keep the repository's (or any parent folder's) MSBuild settings out: a user's project.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            await File.WriteAllTextAsync(Path.Combine(App, name), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(App, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="mcpgen-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(App, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="McpGen" Version="{_version}" />
                <PackageReference Include="McpGen.AspNetCore" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(App, "Program.cs"), """
            using McpGen;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;
            using Microsoft.Extensions.Logging;

            static void Configure(McpServerOptions o)
            {
                o.ServerInfo = new() { Name = "pkg-app", Version = "1.0.0" };
                o.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);
            }

            if (args.Length > 0 && args[0] == "--http")
            {
                var builder = WebApplication.CreateSlimBuilder();
                builder.Logging.ClearProviders();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Services.AddMcpServer(Configure);
                var app = builder.Build();
                app.MapMcp("/mcp", o => { o.Stateless = true; o.JsonResponses = true; });
                await app.StartAsync();
                Console.WriteLine($"Listening on {app.Urls.First()}/mcp");
                await app.WaitForShutdownAsync();
                return;
            }
            var options = new McpServerOptions();
            Configure(options);
            await McpServer.RunStdioAsync(options);

            public static class Tools
            {
                /// <summary>Greets someone.</summary>
                /// <param name="name">Who to greet.</param>
                [McpTool] public static string Greet(string name) => $"Hello, {name}!";

                [McpTool] public static int Undocumented() => 1;
            }
            """);
    }

    private static XDocument Nuspec(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    [GeneratedRegex(@"Listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
