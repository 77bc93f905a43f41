using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// A stateless request under a session-era revision: the client's facts are unknown (declared in an
/// <c>initialize</c> that was answered and forgotten), so it declares no capabilities, keeps no log level or
/// subscriptions and cannot be sent requests. One instance per revision.
/// </summary>
internal sealed class StatelessClientState : IMcpClientState
{
    private static readonly Dictionary<McpProtocolRevision, StatelessClientState> ByRevision =
        McpProtocolRevision.WithHandshake.ToDictionary(static r => r, static r => new StatelessClientState(r));

    private StatelessClientState(McpProtocolRevision revision) => Revision = revision;

    public static StatelessClientState For(McpProtocolRevision revision) => ByRevision[revision];

    public McpProtocolRevision? Revision { get; }

    public ClientCapabilities Capabilities => ClientCapabilities.None;

    public Implementation? ClientInfo => null;

    public LoggingLevel? LogLevel => null;

    public void SetLogLevel(LoggingLevel level) { } // nothing outlives the request

    public IMcpResourceSubscriptions? Subscriptions => null;

    public IMcpClientChannel? Channel => null;

    public McpInFlightRequests? InFlight => null;

    public bool AcceptsHandshake => true;

    public bool CompleteHandshake(McpProtocolRevision revision, ClientCapabilities capabilities, Implementation? clientInfo) => true; // answered, not kept
}
