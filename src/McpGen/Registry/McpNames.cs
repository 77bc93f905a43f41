namespace McpGen;

/// <summary>The naming rules of MCP.</summary>
public static class McpNames
{
    /// <summary>The longest tool or prompt name allowed.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Whether <paramref name="name"/> is a valid tool or prompt name: 1 to 128 characters of <c>A-Z a-z 0-9 _ - .</c>.</summary>
    public static bool IsValidToolOrPromptName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength) return false;
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        }
        return true;
    }

    internal static void ValidateToolOrPromptName(string name, string paramName)
    {
        if (!IsValidToolOrPromptName(name))
            throw new ArgumentException($"'{name}' is not a valid MCP name: use 1 to {MaxNameLength} characters of A-Z, a-z, 0-9, '_', '-' and '.'.", paramName);
    }
}
