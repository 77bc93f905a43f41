using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace McpGen.Testing;

/// <summary>
/// Golden files: generated text compared with a checked-in baseline under the test project's Baselines folder.
/// Set <c>MCPGEN_UPDATE_BASELINES=1</c> to rewrite the baselines from the current output.
/// </summary>
public static partial class Baselines
{
    /// <summary>Compares <paramref name="actual"/> with the baseline file <paramref name="name"/> next to the calling test file.</summary>
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(SourcePath(callerFile))!, "Baselines");
        string path = Path.Combine(directory, name);
        string normalized = Scrub(actual);
        if (Environment.GetEnvironmentVariable("MCPGEN_UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalized);
            return;
        }
        Assert.True(File.Exists(path), $"Baseline {path} is missing: run the tests with MCPGEN_UPDATE_BASELINES=1 to create it.");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != normalized)
        {
            string actualPath = path + ".actual";
            File.WriteAllText(actualPath, normalized);
            Assert.Fail($"Generated text differs from {path} (written to {actualPath}). If the change is intended, rerun with MCPGEN_UPDATE_BASELINES=1.\n" + FirstDifference(expected, normalized));
        }
    }

    /// <summary>
    /// The real path of a test source file. CI builds map source paths to <c>/_/</c> (deterministic builds), so a
    /// mapped path is resolved against the repository root found above the test binaries.
    /// </summary>
    private static string SourcePath(string callerFile)
    {
        if (File.Exists(callerFile) || !callerFile.StartsWith("/_/", StringComparison.Ordinal)) return callerFile;
        return RepositoryPaths.TryFindRoot() is { } root ? Path.Combine(root, callerFile["/_/".Length..]) : callerFile;
    }

    /// <summary>Removes what legitimately varies between runs: the generator version.</summary>
    public static string Scrub(string text) => VersionPattern().Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"McpGen.Generators\", \"<version>\")");

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end>", al = i < a.Length ? a[i] : "<end>";
            if (el != al) return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "";
    }

    [GeneratedRegex("GeneratedCode\\(\"McpGen.Generators\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
