using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// What the server knows about the client behind a request, wherever it is kept: a session (revisions with
/// <c>initialize</c>) or nothing at all (stateless requests). The request runner and the dispatcher reach client state
/// only through this seam, so neither depends on a session existing.
/// </summary>
internal interface IMcpClientState
{
    /// <summary>The revision requests are served under; <see langword="null"/> before the handshake.</summary>
    McpProtocolRevision? Revision { get; }

    /// <summary>What the client declared it supports.</summary>
    ClientCapabilities Capabilities { get; }

    /// <summary>Who the client is, if it said.</summary>
    Implementation? ClientInfo { get; }

    /// <summary>The log level the client asked for, if any.</summary>
    LoggingLevel? LogLevel { get; }

    /// <summary>Keeps the level of <c>logging/setLevel</c> (ignored where nothing is kept between requests).</summary>
    void SetLogLevel(LoggingLevel level);

    /// <summary>Resource subscriptions kept for the client; <see langword="null"/> where nothing is kept between requests.</summary>
    IMcpResourceSubscriptions? Subscriptions { get; }

    /// <summary>The way to send requests to the client and await answers; <see langword="null"/> without a session.</summary>
    IMcpClientChannel? Channel { get; }

    /// <summary>Requests in flight, for cancellation and the concurrency limit; <see langword="null"/> when not tracked.</summary>
    McpInFlightRequests? InFlight { get; }

    /// <summary>Whether an <c>initialize</c> would be accepted now (not after a session's handshake).</summary>
    bool AcceptsHandshake { get; }

    /// <summary>Takes the facts of an accepted <c>initialize</c>.</summary>
    /// <returns><see langword="false"/> when the handshake already happened (a second <c>initialize</c>).</returns>
    bool CompleteHandshake(McpProtocolRevision revision, ClientCapabilities capabilities, Implementation? clientInfo);
}

/// <summary>The resource URIs a client subscribed to (<c>resources/subscribe</c>).</summary>
internal interface IMcpResourceSubscriptions
{
    void Subscribe(string uri);

    void Unsubscribe(string uri);
}

/// <summary>Sends a request to the client on a stream and awaits its answer (sessions only).</summary>
internal interface IMcpClientChannel
{
    ValueTask<TResult> SendRequestAsync<TParams, TResult>(string method, TParams parameters,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TParams> paramsInfo, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResult> resultInfo,
        IMcpMessageWriter output, CancellationToken requestToken, CancellationToken callerToken);
}
