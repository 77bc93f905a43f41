using System.Security.Claims;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// Runs one request, for every transport and era: picks its method and revision, applies the limits, builds the
/// <see cref="McpRequestContext"/> from the client state, dispatches, lets notifications drain, and writes the
/// response. Sessions and stateless requests differ only in the <see cref="IMcpClientState"/> they pass.
/// </summary>
internal static class McpRequestRunner
{
    /// <summary>Handles <paramref name="request"/>; the task completes once its response was written (or it was cancelled).</summary>
    /// <remarks>Never throws for bad input: every failure is answered on the wire.</remarks>
    public static async ValueTask RunAsync(McpServer server, IMcpClientState state, JsonRpcMessage request, IMcpMessageWriter replyTo,
        CancellationToken transportToken, ClaimsPrincipal? user, Func<bool>? isEnding = null)
    {
        var response = JsonMessageBuffer.Rent();
        // Telemetry covers every request, refusals and the handshake included (a no-op struct when nobody listens).
        var telemetry = Diagnostics.McpTelemetry.StartOperation(request, (state as McpSession)?.Id, state.Revision?.Version);
        bool stopped = false;
        try
        {
            var method = server.Dispatcher.Find(request.Method!);
            var revision = state.Revision;
            if (revision is null && method is not { IsHandshake: true } and not { AllowedBeforeHandshake: true })
            {
                response.WriteError(request.Id, JsonRpcErrorCodes.InvalidRequest,
                    $"The session is not initialized: send '{McpMethods.Initialize}' before '{request.Method}'.");
                await WriteResponseAsync(replyTo, response, telemetry, ref stopped, transportToken).ConfigureAwait(false);
                return;
            }
            revision ??= McpProtocolRevision.V2025_11_25; // a ping before initialize
            if (method is null || !revision.Offers(method.Name))
            {
                response.WriteError(request.Id, JsonRpcErrorCodes.MethodNotFound, $"Method not found: '{request.Method}'.");
                await WriteResponseAsync(replyTo, response, telemetry, ref stopped, transportToken).ConfigureAwait(false);
                return;
            }

            var inFlight = state.InFlight;
            bool counted = inFlight is not null && method.CountsAgainstLimit;
            if (counted && !inFlight!.TryEnter())
            {
                response.WriteError(request.Id, JsonRpcErrorCodes.ServerError,
                    $"Too many requests in flight on this session (the limit is {inFlight.Limit}); retry when earlier ones have finished.");
                await WriteResponseAsync(replyTo, response, telemetry, ref stopped, transportToken).ConfigureAwait(false);
                return;
            }

            long reservedBytes = method.CountsAgainstLimit ? request.Length : 0;
            if (reservedBytes > 0 && !server.InFlightBytes.TryReserve(reservedBytes))
            {
                if (counted) inFlight!.Exit();
                response.WriteError(request.Id, JsonRpcErrorCodes.ServerError,
                    $"The server is busy: requests in flight hold {server.InFlightBytes.Used} of the {server.InFlightBytes.Limit} bytes they may hold together (McpServerOptions.MaxInFlightRequestBytes); retry shortly.");
                await WriteResponseAsync(replyTo, response, telemetry, ref stopped, transportToken).ConfigureAwait(false);
                return;
            }

            // A plain source per request (no linked source): the session cancels everything in flight when it ends,
            // and a cancellable transport token is forwarded by a registration. Cheaper than linking.
            var cts = new CancellationTokenSource();
            var transportRegistration = transportToken.CanBeCanceled
                ? transportToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), cts)
                : default;
            bool registered = false;
            try
            {
                if (inFlight is not null)
                {
                    if (!inFlight.TryAdd(request.Id, cts))
                    {
                        response.WriteError(request.Id, JsonRpcErrorCodes.InvalidRequest, $"A request with id {request.Id} is already in flight on this session.");
                        await WriteResponseAsync(replyTo, response, telemetry, ref stopped, transportToken).ConfigureAwait(false);
                        return;
                    }
                    registered = true;
                }

                var context = new McpRequestContext(server, state, revision, request.Id, method.Name, replyTo, cts.Token) { User = user, RequestParams = request.Params };
                if (revision.ResultsCarryResultType) response.Trailer = server.ResultTrailer;
                bool respond;
                try
                {
                    respond = await server.Dispatcher.DispatchAsync(method, context, request, response).ConfigureAwait(false);
                    await context.DrainAsync().ConfigureAwait(false);
                }
                finally
                {
                    await context.DisposeAsync().ConfigureAwait(false);
                }
                if (respond) await WriteResponseAsync(replyTo, response, telemetry, ref stopped, transportToken).ConfigureAwait(false);
                else { stopped = true; telemetry.Stop(default(ReadOnlySpan<byte>)); } // cancelled: no response
            }
            finally
            {
                transportRegistration.Dispose();
                if (registered) inFlight!.Remove(request.Id, cts);
                cts.Dispose();
                if (counted) inFlight!.Exit();
                if (reservedBytes > 0) server.InFlightBytes.Release(reservedBytes);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || transportToken.IsCancellationRequested || isEnding?.Invoke() == true)
        {
            // The transport or the session went away while the request was running: nobody to answer.
            if (!stopped) telemetry.Stop(ex);
        }
        finally
        {
            response.Dispose();
        }
    }

    /// <summary>Ends the request's telemetry (once) with the response it is about to send, and sends it.</summary>
    private static ValueTask WriteResponseAsync(IMcpMessageWriter replyTo, JsonMessageBuffer response, Diagnostics.McpOperation telemetry, ref bool stopped,
        CancellationToken transportToken)
    {
        var message = response.WrittenMemory;
        stopped = true;
        telemetry.Stop(message.Span);
        return replyTo.WriteMessageAsync(message, McpOutboundMessageKind.Response, transportToken);
    }
}
