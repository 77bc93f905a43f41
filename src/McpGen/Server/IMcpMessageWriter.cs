namespace McpGen;

/// <summary>
/// Where a transport sends outbound JSON-RPC messages: stdout for stdio, an SSE stream for Streamable HTTP.
/// </summary>
public interface IMcpMessageWriter
{
    /// <summary>
    /// Sends one JSON-RPC message (one UTF-8 JSON object, no trailing newline). The bytes are valid only during
    /// the call: an implementation that keeps them (an event store, a queue) must copy them.
    /// </summary>
    ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, CancellationToken cancellationToken);
}
