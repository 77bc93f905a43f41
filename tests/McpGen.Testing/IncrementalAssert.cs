using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpGen.Testing;

/// <summary>Assertions about incremental generator runs: step run reasons, and models free of Roslyn objects.</summary>
public static class IncrementalAssert
{
    /// <summary>Every output of the named step had the given reason.</summary>
    public static void StepReasons(GeneratorRun run, string stepName, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(run.Steps.ContainsKey(stepName), $"No tracked step '{stepName}'. Steps: {string.Join(", ", run.Steps.Keys)}");
        var reasons = run.Steps[stepName].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Contains(r, allowed));
    }

    /// <summary>The reasons of the named step's outputs, in order.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorRun run, string stepName) =>
        run.Steps.TryGetValue(stepName, out var steps) ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList() : [];

    /// <summary>
    /// Walks every value every tracked step produced and fails if one holds a symbol, syntax node, location,
    /// semantic model or compilation: a model that holds one defeats caching and roots old compilations.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="stepNames">The generator's own named steps (Roslyn's input steps, such as the compilation itself, are not models).</param>
    public static void ModelsHoldNoRoslynObjects(GeneratorRun run, params string[] stepNames)
    {
        foreach (var name in stepNames)
        {
            Assert.True(run.Steps.ContainsKey(name), $"No tracked step '{name}'.");
            foreach (var output in run.Steps[name].SelectMany(s => s.Outputs))
                Walk(output.Value, $"{name}", new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
        }
    }

    private static void Walk(object? value, string path, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 30) return;
        var type = value.GetType();
        if (value is ISymbol or SyntaxNode or Location or SemanticModel or Compilation or SyntaxTree)
            Assert.Fail($"The pipeline model holds a {type.Name} at {path}: models must be equatable data only.");
        if (type.IsPrimitive || value is string || type.IsEnum || value is decimal) return;
        if (!type.IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable enumerable)
        {
            int i = 0;
            foreach (var item in enumerable) Walk(item, $"{path}[{i++}]", seen, depth + 1);
            if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) return;
        }
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            Walk(field.GetValue(value), $"{path}.{field.Name}", seen, depth + 1);
    }
}
