using McpGen.Protocol;

namespace McpGen.JsonRpc;

/// <summary>
/// Maps the UTF-8 method names of MCP to the shared string instances of <see cref="McpMethods"/> and
/// <see cref="McpNotifications"/>, so reading a known method allocates nothing. Derived from those constants: a
/// method added there is known here.
/// </summary>
internal static class KnownMethods
{
    private static readonly string[] Names = [.. McpMethods.All, .. McpNotifications.All];

    private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, System.Text.Encoding.UTF8.GetBytes);

    /// <summary>The shared string for a known method, or <see langword="null"/>.</summary>
    public static string? Find(ReadOnlySpan<byte> utf8)
    {
        for (int i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8.SequenceEqual(Utf8Names[i])) return Names[i];
        }
        return null;
    }
}
