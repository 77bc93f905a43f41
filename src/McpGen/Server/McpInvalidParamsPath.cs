namespace McpGen;

/// <summary>Builds argument paths for <see cref="McpInvalidParamsException"/> on the error path only (no cost when binding succeeds).</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class McpInvalidParams
{
    /// <summary>
    /// The same failure one level up: <paramref name="segment"/> (a property name, or <c>[3]</c> for an index) is put in
    /// front of the path. Generated binders call this while the exception travels out of nested readers.
    /// </summary>
    public static McpInvalidParamsException Prepend(McpInvalidParamsException inner, string segment)
    {
        ArgumentNullException.ThrowIfNull(inner);
        string path = inner.Path is null or "" ? segment : inner.Path[0] == '[' ? segment + inner.Path : segment + "." + inner.Path;
        return new McpInvalidParamsException(inner.Problem, path, isProblem: true);
    }
}
