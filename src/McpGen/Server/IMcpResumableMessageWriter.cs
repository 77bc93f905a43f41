namespace McpGen;

/// <summary>
/// A reply stream the server may close before the response is ready (SSE polling, SEP-1699): what the request
/// sends afterwards is kept and delivered when the client resumes the stream (HTTP <c>Last-Event-ID</c>).
/// </summary>
public interface IMcpResumableMessageWriter : IMcpMessageWriter
{
    /// <summary>Whether the client can resume this stream (a stateless stream keeps no events and cannot be).</summary>
    bool CanResume { get; }

    /// <summary>Ends the current connection of the stream; later messages wait for the client to resume.</summary>
    void CloseStream();
}
