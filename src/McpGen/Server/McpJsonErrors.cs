using System.Text.Json;

namespace McpGen;

/// <summary>
/// Describes a System.Text.Json failure for the wire: where the value was and what was wrong, without the .NET type
/// names, line numbers and byte offsets of <see cref="Exception.Message"/> (they tell a client about the server's
/// internals and nothing it can act on).
/// </summary>
internal static class McpJsonErrors
{
    public static string Describe(JsonException ex)
    {
        string path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "the value" : $"the value at '{ex.Path}'";
        string message = ex.Message ?? "";
        if (message.Contains("could not be converted", StringComparison.Ordinal)) return $"{path} has the wrong type.";
        int including = message.IndexOf("missing required properties including: ", StringComparison.Ordinal);
        if (including >= 0)
        {
            string names = message[(including + "missing required properties including: ".Length)..].TrimEnd('.');
            return $"{path} is missing the required member(s) {names}.";
        }
        return $"{path} is not valid.";
    }
}
