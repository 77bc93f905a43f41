using System.Reflection;
using Microsoft.CodeAnalysis;

namespace McpGen.Testing;

/// <summary>System.Text.Json's own source generator, loaded from the installed .NET targeting pack (nothing downloaded).</summary>
public static class SystemTextJsonGenerator
{
    /// <summary>Creates the generator.</summary>
    public static IIncrementalGenerator Create()
    {
        string packs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)!)!)!, "..", "packs", "Microsoft.NETCore.App.Ref");
        string dir = Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal).First();
        string dll = Directory.GetFiles(Path.Combine(dir, "analyzers", "dotnet"), "System.Text.Json.SourceGeneration.dll", SearchOption.AllDirectories)
            .OrderByDescending(p => p, StringComparer.Ordinal).First();
        var assembly = Assembly.LoadFrom(dll);
        var type = assembly.GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }
}
