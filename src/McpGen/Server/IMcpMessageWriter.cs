namespace McpGen;

/// <summary>What an outbound message is, as the server knows when it writes it: transports route by it without parsing.</summary>
public enum McpOutboundMessageKind
{
    /// <summary>The response (result or error) to the request being served: the last message of its stream.</summary>
    Response,

    /// <summary>A notification (progress, log, list changes, ...).</summary>
    Notification,

    /// <summary>A request from the server to the client (sampling, elicitation, roots) whose answer a handler awaits.</summary>
    Request,
}

/// <summary>
/// Where a transport sends outbound JSON-RPC messages: stdout for stdio, an SSE stream or a JSON body for Streamable HTTP.
/// </summary>
public interface IMcpMessageWriter
{
    /// <summary>
    /// Sends one JSON-RPC message (one UTF-8 JSON object, no trailing newline). The bytes are valid only during
    /// the call: an implementation that keeps them (an event store, a queue) must copy them.
    /// </summary>
    /// <param name="utf8Message">The message.</param>
    /// <param name="kind">What the message is, so a transport never has to parse it to route it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken);
}
