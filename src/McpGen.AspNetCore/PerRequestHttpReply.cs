using System.Text;
using McpGen.JsonRpc;
using Microsoft.AspNetCore.Http;

namespace McpGen.AspNetCore;

/// <summary>
/// The reply to one per-request-era POST (revision 2026-07-28): a JSON body when the response is the first message,
/// an SSE stream for that request alone once a notification (progress, log) comes first. No event ids, nothing stored:
/// the era has no resumption. The HTTP status of an error response follows the spec (404 for an unknown method, 400
/// for the lifecycle errors).
/// </summary>
internal sealed class PerRequestHttpReply(HttpResponse response, CancellationToken aborted, TimeSpan keepAliveInterval) : IMcpMessageWriter
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] EventPrefix = "event: message\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _streaming;

    /// <summary>Whether the response was written (a cancelled request writes nothing).</summary>
    public bool Answered { get; private set; }

    public async ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (aborted.IsCancellationRequested) return; // the client closed the stream: the request is cancelled
            if (!_streaming && kind == McpOutboundMessageKind.Response)
            {
                response.StatusCode = StatusFor(utf8Message.Span);
                response.ContentType = "application/json";
                response.ContentLength = utf8Message.Length;
                await response.Body.WriteAsync(utf8Message, aborted).ConfigureAwait(false);
                Answered = true;
                return;
            }
            if (!_streaming)
            {
                _streaming = true;
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "text/event-stream";
                response.Headers.CacheControl = "no-cache, no-transform";
                response.Headers["X-Accel-Buffering"] = "no";
                await response.StartAsync(aborted).ConfigureAwait(false);
                _ = KeepAliveAsync(); // long streams (subscriptions/listen) stay open through idle proxies
            }
            await response.Body.WriteAsync(EventPrefix, aborted).ConfigureAwait(false);
            await response.Body.WriteAsync(utf8Message, aborted).ConfigureAwait(false);
            await response.Body.WriteAsync(EventEnd, aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(aborted).ConfigureAwait(false);
            if (kind == McpOutboundMessageKind.Response) Answered = true;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away mid-write
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task KeepAliveAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(keepAliveInterval);
            while (await timer.WaitForNextTickAsync(aborted).ConfigureAwait(false))
            {
                await _gate.WaitAsync(aborted).ConfigureAwait(false);
                try
                {
                    if (Answered) return;
                    await response.Body.WriteAsync(KeepAlive, aborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // the client left or the response is over
        }
    }

    /// <summary>
    /// 404 for -32601, 400 for the lifecycle errors (-32020..-32022), 200 otherwise. Our responses are compact with a
    /// fixed member order (<c>{"jsonrpc":"2.0","id":…,"error":{"code":…</c>), so the code is found by a byte search.
    /// </summary>
    internal static int StatusFor(ReadOnlySpan<byte> message)
    {
        int at = message.IndexOf("\"error\":{\"code\":"u8);
        if (at < 0) return StatusCodes.Status200OK;
        var digits = message[(at + "\"error\":{\"code\":".Length)..];
        int end = digits.IndexOfAny((byte)',', (byte)'}');
        if (end < 0 || !int.TryParse(Encoding.ASCII.GetString(digits[..end]), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int code))
            return StatusCodes.Status200OK;
        return McpHttpStatus.ForError(code);
    }
}

/// <summary>The HTTP status of a per-request-era JSON-RPC error (streamable HTTP transport, revision 2026-07-28).</summary>
internal static class McpHttpStatus
{
    public static int ForError(int code) => code switch
    {
        JsonRpcErrorCodes.MethodNotFound => StatusCodes.Status404NotFound,
        JsonRpcErrorCodes.HeaderMismatch or JsonRpcErrorCodes.MissingRequiredClientCapability or JsonRpcErrorCodes.UnsupportedProtocolVersion
            or JsonRpcErrorCodes.ParseError or JsonRpcErrorCodes.InvalidRequest => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status200OK,
    };
}
