namespace McpGen.Benchmarks;

/// <summary>Tools compiled by the generator, for in-process measurements of generated binders and writers.</summary>
public static class BenchTools
{
    /// <summary>Adds two integers.</summary>
    [McpTool]
    public static int Add(int a, int b) => a + b;
}
