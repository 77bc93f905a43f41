namespace McpGen;

/// <summary>
/// Thrown from <see cref="McpRequestContext.ElicitAsync(Protocol.ElicitRequestParams, CancellationToken)"/>,
/// <see cref="McpRequestContext.SampleAsync(Protocol.CreateMessageRequestParams, CancellationToken)"/> and
/// <see cref="McpRequestContext.ListRootsAsync(CancellationToken)"/> in revision 2026-07-28 when the answer is not
/// there yet: the request ends with an input-required result, and the client's retry re-runs the handler with the
/// answer. Let it propagate (do not catch it in a handler); the server turns it into that result.
/// </summary>
public sealed class McpInputRequiredException : Exception
{
    internal McpInputRequiredException(string key, string method)
        : base($"The client's answer to '{method}' (input '{key}') is needed: the request returns an input-required result and is retried with it.")
    {
        InputKey = key;
    }

    /// <summary>The key of the input request in <c>inputRequests</c>.</summary>
    public string InputKey { get; }
}
