namespace McpGen.Fuzz;

/// <summary>What the fuzzer found; each finding is saved under Corpus/findings so it can become a regression test.</summary>
internal sealed class Findings(string directory)
{
    private readonly List<string> _messages = [];

    public int Count { get { lock (_messages) return _messages.Count; } }

    public IReadOnlyList<string> Messages { get { lock (_messages) return _messages.ToArray(); } }

    public void Add(string target, string strategy, byte[] input, string failure)
    {
        lock (_messages)
        {
            _messages.Add($"[{target}/{strategy}] {failure}");
            if (input.Length == 0) return;
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, $"{target}-{_messages.Count:D3}.bin"), input);
        }
    }
}

internal sealed record FuzzOutcome(string Target, long Executions);
