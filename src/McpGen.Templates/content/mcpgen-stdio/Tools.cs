using McpGen;

namespace MyMcpServer;

/// <summary>The server's tools: every [McpTool] method becomes a tool, its schema made from the signature and docs.</summary>
public static class Tools
{
    /// <summary>Greets someone.</summary>
    /// <param name="name">Who to greet.</param>
    [McpTool(ReadOnly = true)]                                  // name: "greet"
    public static string Greet(string name) => $"Hello, {name}!";

    /// <summary>Adds two numbers.</summary>
    /// <param name="a">The first addend.</param>
    /// <param name="b">The second addend.</param>
    [McpTool(ReadOnly = true, Idempotent = true)]               // name: "add"
    public static long Add(long a, long b) => a + b;
}
