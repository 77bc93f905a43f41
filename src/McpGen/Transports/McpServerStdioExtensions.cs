using McpGen.Transports;

namespace McpGen;

/// <summary>Serving an <see cref="McpServer"/> over the process's stdin and stdout.</summary>
public static class McpServerStdioExtensions
{
    /// <summary>Serves <paramref name="server"/> over stdin/stdout until stdin ends, SIGTERM/SIGINT arrives, or <paramref name="cancellationToken"/> fires.</summary>
    /// <remarks>Console output written by handlers is redirected to stderr so that stdout carries only JSON-RPC.</remarks>
    public static Task RunStdioAsync(this McpServer server, CancellationToken cancellationToken = default) =>
        StdioServerTransport.RunConsoleAsync(server, cancellationToken);

    extension(McpServer)
    {
        /// <summary>Creates a server from <paramref name="options"/> and serves it over stdio (see <see cref="RunStdioAsync(McpServer, CancellationToken)"/>).</summary>
        public static async Task RunStdioAsync(McpServerOptions options, CancellationToken cancellationToken = default)
        {
            await using var server = new McpServer(options);
            await server.RunStdioAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
