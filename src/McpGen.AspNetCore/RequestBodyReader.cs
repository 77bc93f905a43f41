using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace McpGen.AspNetCore;

/// <summary>
/// Reads a POST body into one array under three bounds: its size (<see cref="McpHttpOptions.MaxRequestBodyBytes"/>),
/// the time the whole body may take (<see cref="McpHttpOptions.RequestBodyTimeout"/>: a client that sends most of a
/// body and stalls is cut off, instead of holding its buffer until Kestrel's minimum data rate gives up hours later),
/// and the bytes all bodies being read may hold together (<see cref="McpHttpOptions.MaxPendingRequestBodyBytes"/>).
/// </summary>
internal sealed class RequestBodyReader(long maxBody, TimeSpan timeout, long maxPending)
{
    private long _pending;

    /// <summary>Bytes held by bodies being read now (for tests and diagnostics).</summary>
    public long PendingBytes => Interlocked.Read(ref _pending);

    public async Task<(byte[]? Body, BodyOutcome Outcome)> ReadAsync(HttpRequest request, CancellationToken aborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);
        var reader = request.BodyReader;
        long reserved = 0;
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    return (null, BodyOutcome.TimedOut);
                }
                long length = result.Buffer.Length;
                if (length > maxBody)
                {
                    reader.AdvanceTo(result.Buffer.End);
                    return (null, BodyOutcome.TooLarge);
                }
                if (length > reserved)
                {
                    // Reserve what is buffered now (the pipe holds it until AdvanceTo consumes it).
                    if (Interlocked.Add(ref _pending, length - reserved) > maxPending)
                    {
                        Interlocked.Add(ref _pending, reserved - length);
                        reader.AdvanceTo(result.Buffer.End);
                        return (null, BodyOutcome.ServerBusy);
                    }
                    reserved = length;
                }
                if (result.IsCompleted)
                {
                    byte[] body = result.Buffer.ToArray();
                    reader.AdvanceTo(result.Buffer.End);
                    return (body, BodyOutcome.Read);
                }
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
        finally
        {
            if (reserved > 0) Interlocked.Add(ref _pending, -reserved);
        }
    }
}

/// <summary>How reading a request body ended.</summary>
internal enum BodyOutcome
{
    Read,
    TooLarge,
    TimedOut,
    ServerBusy,
}
