namespace McpGen.Generators;

/// <summary>Names of the pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string Tools = nameof(Tools);
    public const string Prompts = nameof(Prompts);
    public const string Resources = nameof(Resources);
    public const string Registry = nameof(Registry);
    public const string Shapes = nameof(Shapes);
}
