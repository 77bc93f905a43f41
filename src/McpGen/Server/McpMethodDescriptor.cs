using McpGen.JsonRpc;

namespace McpGen;

/// <summary>Writes the complete response (result or error) of one request; <see langword="false"/> when none must be sent.</summary>
internal delegate ValueTask<bool> McpMethodHandler(McpDispatcher dispatcher, McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response);

/// <summary>The OAuth scopes a request needs and what it touches (e.g. kind <c>tool</c>, name <c>pay</c>), for the 403 and the error text.</summary>
internal readonly record struct McpScopeDemand(IReadOnlyList<string> Scopes, string Kind, string Name)
{
    public static McpScopeDemand None => new([], "", "");
}

/// <summary>Computes a request's <see cref="McpScopeDemand"/> from its params (empty for malformed params: dispatch reports those).</summary>
internal delegate McpScopeDemand McpScopeRule(McpServer server, JsonRpcMessage request);

/// <summary>
/// One client-to-server method: its handler and the few facts the request path needs about it. The dispatch table
/// is a list of these, so every fact about a method is written next to its name.
/// </summary>
/// <param name="Name">The method (a <see cref="Protocol.McpMethods"/> constant).</param>
/// <param name="Handle">The handler.</param>
/// <param name="Scopes">The scopes the request needs (tools, prompts, resources and what touches them); <see langword="null"/> for none.</param>
/// <param name="IsHandshake">Whether this is the session handshake (<c>initialize</c>): it is answered before the transport reads on,
/// it may start a session, and it is the one request served before the handshake.</param>
/// <param name="AllowedBeforeHandshake">Whether a session may send it before <c>initialize</c> (<c>ping</c>).</param>
/// <param name="CountsAgainstLimit">Whether it takes a slot of <see cref="McpServerOptions.MaxInFlightRequestsPerSession"/>.</param>
/// <param name="MayRequireInput">Whether its handler may end it with an input-required result (MRTR: tools/call, prompts/get, resources/read).</param>
internal sealed record McpMethodDescriptor(string Name, McpMethodHandler Handle, McpScopeRule? Scopes = null,
    bool IsHandshake = false, bool AllowedBeforeHandshake = false, bool CountsAgainstLimit = true, bool MayRequireInput = false);
