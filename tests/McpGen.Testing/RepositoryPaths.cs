namespace McpGen.Testing;

/// <summary>Where the repository is, seen from a test binary, and which configuration the tests were built in.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding McpGen.sln above the test binaries, or null outside the repository.</summary>
    public static string? TryFindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "McpGen.sln"))) dir = dir.Parent;
        return dir?.FullName;
    }

    /// <summary>The repository root.</summary>
    /// <exception cref="InvalidOperationException">The tests do not run from inside the repository.</exception>
    public static string Root => TryFindRoot() ?? throw new InvalidOperationException("The repository root (the folder of McpGen.sln) was not found above the test binaries.");

    /// <summary>The build configuration of the tests (and so of the projects they use).</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif
}
