using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using McpGen.Testing;

namespace McpGen.Packaging.Tests;

/// <summary>
/// Every C# block of README.md compiles as shown against the packed packages, or says on its first line that it is a
/// fragment. A compiled block starts with the commands that make its project, e.g.
/// <c>// dotnet new console &amp;&amp; dotnet add package McpGen</c>: the test makes that project (console or web, the
/// packages named), puts the block in Program.cs and builds it with warnings as errors.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed partial class ReadmeSnippetTests(PackageTests.Packed packed)
{
    internal sealed record Snippet(int Line, string Code, string? Template, IReadOnlyList<string> Packages);

    internal static IReadOnlyList<Snippet> ReadSnippets(string readme)
    {
        var snippets = new List<Snippet>();
        string[] lines = readme.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```csharp") continue;
            int start = i + 1;
            int end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```") end++;
            Assert.True(end < lines.Length, $"README.md line {i + 1}: unterminated code block");
            string code = string.Join('\n', lines[start..end]);
            string first = lines[start].Trim();
            var header = Header().Match(first);
            if (header.Success)
            {
                var packages = PackageName().Matches(first).Select(m => m.Groups[1].Value).ToArray();
                snippets.Add(new Snippet(i + 1, code, header.Groups[1].Value, packages));
            }
            else
            {
                Assert.True(first.StartsWith("// fragment", StringComparison.Ordinal),
                    $"README.md line {i + 1}: a C# block must either start with '// dotnet new console|web && dotnet add package ...' (it is compiled) or with '// fragment' (it is not); it starts with: {first}");
                snippets.Add(new Snippet(i + 1, code, null, []));
            }
            i = end;
        }
        return snippets;
    }

    [Fact]
    public void Every_csharp_block_is_either_a_compiled_program_or_marked_as_a_fragment()
    {
        var snippets = ReadSnippets(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")));
        Assert.True(snippets.Count(s => s.Template is not null) >= 4, "the getting-started, runtime-API, generic-host and HTTP programs are compiled");
        foreach (var s in snippets.Where(s => s.Template is not null))
        {
            Assert.Contains("McpGen", s.Packages);
            Assert.Contains("using McpGen;", s.Code, StringComparison.Ordinal); // usings are shown
        }
    }

    [Fact]
    public void The_reader_tells_compiled_blocks_from_fragments_and_refuses_unmarked_ones()
    {
        var ok = ReadSnippets("x\n```csharp\n// dotnet new web && dotnet add package McpGen && dotnet add package McpGen.AspNetCore\nusing McpGen;\n```\n```csharp\n// fragment: a class\nclass A {}\n```\n");
        Assert.Equal(2, ok.Count);
        Assert.Equal("web", ok[0].Template);
        Assert.Equal(["McpGen", "McpGen.AspNetCore"], ok[0].Packages);
        Assert.Equal(2, ok[0].Line);
        Assert.Null(ok[1].Template);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ReadSnippets("```csharp\nusing McpGen;\n```\n"));
    }

    [Fact]
    public async Task Every_compiled_block_of_the_README_builds_against_the_packed_packages_with_warnings_as_errors()
    {
        var snippets = ReadSnippets(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "README.md"))).Where(s => s.Template is not null).ToArray();
        string root = Path.Combine(packed.Work, "readme");
        Directory.CreateDirectory(root);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            await File.WriteAllTextAsync(Path.Combine(root, file), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="mcpgen-local" value="{packed.Feed}" />
              </packageSources>
            </configuration>
            """);
        var solution = new StringBuilder("<Solution>\n");
        foreach (var s in snippets)
        {
            string name = $"Line{s.Line}";
            string dir = Path.Combine(root, name);
            Directory.CreateDirectory(dir);
            // What `dotnet new console` / `dotnet new web` make, plus the named packages.
            string sdk = s.Template == "web" ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk";
            string references = string.Concat(s.Packages.Select(p => $"""    <PackageReference Include="{p}" Version="{VersionOf(p)}" />""" + "\n"));
            await File.WriteAllTextAsync(Path.Combine(dir, name + ".csproj"), $"""
                <Project Sdk="{sdk}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <NuGetAudit>false</NuGetAudit>
                  </PropertyGroup>
                  <ItemGroup>
                {references}  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(dir, "Program.cs"), s.Code);
            solution.Append(CultureInfoInvariant($"  <Project Path=\"{name}/{name}.csproj\" />\n"));
        }
        solution.Append("</Solution>\n");
        await File.WriteAllTextAsync(Path.Combine(root, "Readme.slnx"), solution.ToString());

        var (exit, output) = await ChildProcess.RunAsync("dotnet", ["build", Path.Combine(root, "Readme.slnx"), "-c", "Release", "-nologo"], TimeSpan.FromMinutes(10));
        // Errors name the project: LineNN is the README line of the block's opening fence.
        Assert.True(exit == 0, "README C# blocks that do not build (LineNN = the block's line in README.md):\n" +
            string.Join('\n', output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct()));
        foreach (var s in snippets) Assert.True(File.Exists(Path.Combine(root, $"Line{s.Line}", "bin", "Release", "net10.0", $"Line{s.Line}.dll")), $"block at line {s.Line} was built");
    }

    /// <summary>McpGen packages come from the test's feed; others (Microsoft.Extensions.Hosting) at the version the repository pins.</summary>
    private string VersionOf(string package)
    {
        if (package.StartsWith("McpGen", StringComparison.Ordinal)) return packed.Version;
        var pinned = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .FirstOrDefault(e => e.Attribute("Include")?.Value == package);
        return pinned?.Attribute("Version")?.Value ?? throw new InvalidOperationException($"README names package {package}, which Directory.Packages.props does not pin");
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    [GeneratedRegex(@"^// dotnet new (console|web)\b")]
    private static partial Regex Header();

    [GeneratedRegex(@"dotnet add package ([A-Za-z0-9_.]+)")]
    private static partial Regex PackageName();
}
