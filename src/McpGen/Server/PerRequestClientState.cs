using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// The client state of a per-request-era request (revision 2026-07-28): everything comes from the request's own
/// <c>_meta</c>, nothing is kept between requests (the spec forbids inferring capabilities from earlier requests).
/// </summary>
internal sealed class PerRequestClientState(McpProtocolRevision revision, McpRequestMeta meta, McpInFlightRequests? inFlight) : IMcpClientState
{
    public McpProtocolRevision? Revision => revision;

    public McpRequestMeta Meta => meta;

    public ClientCapabilities Capabilities => meta.Capabilities;

    public Implementation? ClientInfo => meta.ClientInfo;

    /// <summary>Without a level in <c>_meta</c> the request gets no log messages at all.</summary>
    public LoggingLevel? LogLevel => meta.LogLevel;

    public void SetLogLevel(LoggingLevel level) { } // logging/setLevel does not exist in this era

    public IMcpResourceSubscriptions? Subscriptions => null;

    public IMcpClientChannel? Channel => null;

    /// <summary>Stdio tracks per-request-era requests too, so <c>notifications/cancelled</c> reaches them; HTTP cancels by closing the stream.</summary>
    public McpInFlightRequests? InFlight => inFlight;

    public bool AcceptsHandshake => false;

    public bool CompleteHandshake(McpProtocolRevision revision, ClientCapabilities capabilities, Implementation? clientInfo) => false;
}
