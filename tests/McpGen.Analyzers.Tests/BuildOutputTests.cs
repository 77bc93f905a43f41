using System.Text.RegularExpressions;
using McpGen.Testing;

namespace McpGen.Analyzers.Tests;

/// <summary>
/// A real <c>dotnet build</c> of a project with mistakes: each diagnostic comes out as
/// <c>file(line,col): error MCPGEN0003: message (help link)</c>, and the build fails on errors only.
/// </summary>
public partial class BuildOutputTests
{
    [Fact]
    public async Task Dotnet_build_prints_each_diagnostic_with_its_location_and_help_link()
    {
        string root = RepositoryPaths.Root;
        string dir = Path.Combine(Path.GetTempPath(), "mcpgen-build-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // Empty Directory.* files stop MSBuild from picking up settings from folders above the temp folder.
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                await File.WriteAllTextAsync(Path.Combine(dir, name), "<Project />");
            await File.WriteAllTextAsync(Path.Combine(dir, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{root}/src/McpGen/McpGen.csproj" />
                    <ProjectReference Include="{root}/generators/McpGen.Generators/McpGen.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                    <ProjectReference Include="{root}/analyzers/McpGen.Analyzers/McpGen.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(dir, "Tools.cs"), """
                using McpGen;
                public static class Tools
                {
                    /// <summary>A tool with a bad name.</summary>
                    [McpTool("get weather!")] public static int A() => 1;
                    [McpTool] public static int NoDocs() => 1;
                    /// <summary>Fine.</summary>
                    [McpTool] public static async void Fire() => await System.Threading.Tasks.Task.Yield();
                }
                """);
            var (exit, output) = await ChildProcess.RunAsync("dotnet", ["build", dir, "-c", RepositoryPaths.Configuration, "-nologo", "-v", "q", "-p:NuGetAudit=false"]);
            Assert.NotEqual(0, exit);
            string tools = Path.Combine(dir, "Tools.cs");
            Assert.Matches(new Regex(Regex.Escape(tools) + @"\(5,14\): error MCPGEN0003: 'Tools\.A' cannot be an MCP tool: its name 'get weather!' is not a valid MCP tool name.* \(https://github\.com/mcpgen/mcpgen/blob/main/analyzers/README\.md#mcpgen0003\)"), output);
            Assert.Matches(new Regex(Regex.Escape(tools) + @"\(6,33\): warning MCPGEN0007: .* \(https://github\.com/mcpgen/mcpgen/blob/main/analyzers/README\.md#mcpgen0007\)"), output);
            Assert.Matches(new Regex(Regex.Escape(tools) + @"\(8,35\): error MCPGEN0004: "), output);
            Assert.DoesNotMatch(new Regex(@"error CS\d{4}"), output); // nothing from generated code
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
