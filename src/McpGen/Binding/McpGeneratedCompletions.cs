using McpGen.Protocol;

namespace McpGen.Binding;

/// <summary>Completion from the fixed candidates the generator lists for a prompt argument or template variable.</summary>
internal static class McpGeneratedCompletions
{
    public static Completion Complete(IReadOnlyDictionary<string, string[]>? completions, string argumentName, string value) =>
        completions is not null && completions.TryGetValue(argumentName, out var candidates) ? Completion.FromCandidates(candidates, value) : Completion.Empty;
}
