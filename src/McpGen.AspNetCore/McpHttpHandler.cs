using System.Buffers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace McpGen.AspNetCore;

/// <summary>
/// The Streamable HTTP transport (MCP 2025-11-25): POST carries one JSON-RPC message; GET opens or resumes an SSE
/// stream; DELETE ends a session. Every check that can refuse a request runs before any MCP processing.
/// </summary>
internal sealed class McpHttpHandler
{
    private const string SessionHeader = "Mcp-Session-Id";
    private const string VersionHeader = "MCP-Protocol-Version";
    private readonly McpServer _server;
    private readonly McpHttpOptions _options;
    private readonly HttpSessionManager _sessions;
    private readonly ILogger _logger;
    private readonly long _maxBody;
    private readonly RequestBodyReader _bodies;
    private readonly McpHttpAuthorization? _authorization;

    public McpHttpHandler(McpServer server, McpHttpOptions options, HttpSessionManager sessions, ILogger logger, McpHttpAuthorization? authorization = null)
    {
        _authorization = authorization;
        _server = server;
        _options = options;
        _sessions = sessions;
        _logger = logger;
        _maxBody = options.MaxRequestBodyBytes ?? server.Options.MaxMessageBytes;
        _bodies = new RequestBodyReader(_maxBody, options.RequestBodyTimeout, options.MaxPendingRequestBodyBytes);
    }

    public Task HandleAsync(HttpContext context)
    {
        if (HostValidation.Problem(context.Request, _options.AllowedHosts) is { } hostProblem)
            return ErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCodes.ServerError, "Forbidden: " + hostProblem);
        return _authorization is null ? RouteAsync(context) : AuthenticatedAsync(context, _authorization);
    }

    private async Task AuthenticatedAsync(HttpContext context, McpHttpAuthorization authorization)
    {
        if (await authorization.AuthenticateAsync(context))
            await RouteAsync(context);
    }

    private Task RouteAsync(HttpContext context)
    {
        if (_server.Options.ServedEras == McpServedEras.PerRequestOnly && context.Request.Method != "POST")
            return MethodNotAllowedAsync(context); // the per-request era is POST only
        return context.Request.Method switch
        {
            "POST" => PostAsync(context),
            "GET" => GetAsync(context),
            "DELETE" => DeleteAsync(context),
            _ => MethodNotAllowedAsync(context),
        };
    }

    private async Task PostAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsJsonContentType(request.ContentType))
        {
            await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, JsonRpcErrorCodes.InvalidRequest, "Unsupported Media Type: Content-Type must be application/json.");
            return;
        }
        if (!AcceptsResponse(request.Headers.Accept))
        {
            await ErrorAsync(context, StatusCodes.Status406NotAcceptable, JsonRpcErrorCodes.InvalidRequest,
                _options.JsonResponses ? "Not Acceptable: Accept must include application/json." : "Not Acceptable: Accept must include application/json and text/event-stream.");
            return;
        }
        if (request.ContentLength > _maxBody)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonRpcErrorCodes.InvalidRequest, $"Payload Too Large: the limit is {_maxBody} bytes.");
            return;
        }
        var (body, outcome) = await _bodies.ReadAsync(request, context.RequestAborted);
        if (body is null)
        {
            if (outcome == BodyOutcome.TimedOut || outcome == BodyOutcome.ServerBusy) context.Response.Headers.Connection = "close"; // the rest of the body is not waited for
            await (outcome switch
            {
                BodyOutcome.TimedOut => ErrorAsync(context, StatusCodes.Status408RequestTimeout, JsonRpcErrorCodes.InvalidRequest,
                    $"Request Timeout: the request body did not arrive within {_options.RequestBodyTimeout.TotalSeconds:0.###} s."),
                BodyOutcome.ServerBusy => ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, JsonRpcErrorCodes.ServerError,
                    "Service Unavailable: too many request bodies are being received at once; retry shortly."),
                _ => ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, JsonRpcErrorCodes.InvalidRequest, $"Payload Too Large: the limit is {_maxBody} bytes."),
            });
            return;
        }

        JsonRpcMessage message;
        try
        {
            message = JsonRpcMessageParser.Parse(body, _server.Options.MaxDepth);
        }
        catch (JsonRpcParseException ex)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, ex.ErrorCode, ex.Message, ex.Id);
            return;
        }

        // After the body is read, so that a refusal carries the request's id.
        string? version = request.Headers[VersionHeader];
        if (message.Kind == JsonRpcMessageKind.Request)
        {
            var era = _server.ClassifyRequest(message, version, transportHasVersionHeader: true);
            if (era.Era == McpEra.PerRequest)
            {
                if (!era.IsRefused && _authorization is not null && !await ScopesSufficeAsync(context, message)) return;
                await PostPerRequestAsync(context, message, era);
                return;
            }
        }
        else if (MayCarryPerRequestMeta && McpProtocolRevision.Find(version) is { HasInitializeHandshake: false })
        {
            // The per-request era defines no client notifications or responses over HTTP, and never reaches a session,
            // whatever Mcp-Session-Id came along: notifications are accepted and dropped, responses refused.
            if (message.Kind == JsonRpcMessageKind.Notification)
            {
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            }
            await ErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCodes.InvalidRequest,
                $"Bad Request: revision {HostValidation.Sanitize(version)} has no client responses over HTTP (there are no server-to-client requests to answer).", message.Id);
            return;
        }
        if (version is not null && McpProtocolRevision.Find(version) is not { HasInitializeHandshake: true })
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCodes.InvalidRequest,
                $"Bad Request: unsupported MCP-Protocol-Version '{HostValidation.Sanitize(version)}' (supported: {string.Join(", ", ProtocolVersions.Supported)}).", message.Id);
            return;
        }

        if (_authorization is not null)
        {
            // Step-up before any processing: a tool, prompt or resource the token lacks scopes for gets 403 insufficient_scope.
            var missing = McpScopes.Missing(context.User, _server.ScopesRequiredBy(message));
            if (missing.Count > 0)
            {
                await _authorization.ForbidAsync(context, context.User, missing, message.Id);
                return;
            }
        }

        if (_options.Stateless)
        {
            await PostStatelessAsync(context, message, version);
            return;
        }

        HttpMcpSession? session;
        bool created = false;
        string? sessionId = request.Headers[SessionHeader];
        if (_server.IsHandshake(message) && sessionId is null)
        {
            string? owner = Subject(context.User);
            if (owner is null && context.User.Identity?.IsAuthenticated == true)
            {
                // An authenticated principal that names nobody: a session it created could not be told apart from
                // another user's, so none is created (an anonymous session would be open to every token).
                await ErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCodes.InvalidRequest,
                    "Forbidden: the authenticated user has no subject (sub, name identifier or name), so a session cannot be bound to it.", message.Id);
                return;
            }
            var (quotaKey, quotaMax) = SessionQuota.PartitionOf(context, owner, _options);
            (session, var refusal) = _sessions.Create(owner, quotaKey, quotaMax);
            if (session is null)
            {
                await (refusal == SessionRefusal.QuotaFull
                    ? ErrorAsync(context, StatusCodes.Status429TooManyRequests, JsonRpcErrorCodes.ServerError,
                        $"Too Many Requests: {(owner is null ? "this client address" : "this user")} already has {quotaMax} sessions, the most allowed; end one (DELETE) or let one expire.", message.Id)
                    : ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, JsonRpcErrorCodes.ServerError,
                        $"Service Unavailable: the server has reached its limit of {_options.MaxSessions} sessions.", message.Id));
                return;
            }
            created = true;
        }
        else
        {
            if (sessionId is null)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCodes.InvalidRequest,
                    "Bad Request: the Mcp-Session-Id header is required (send initialize first).", message.Id);
                return;
            }
            session = _sessions.Find(sessionId);
            if (session is null)
            {
                await ErrorAsync(context, StatusCodes.Status404NotFound, JsonRpcErrorCodes.InvalidRequest, "Not Found: the session does not exist or has expired; initialize a new one.", message.Id);
                return;
            }
            if (!OwnedBy(session, context.User))
            {
                await ErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCodes.InvalidRequest, "Forbidden: the session belongs to another user.", message.Id);
                return;
            }
        }

        using var activity = session.Begin();
        if (message.Kind != JsonRpcMessageKind.Request)
        {
            await session.Session.ProcessMessageAsync(message, session.Standalone, CancellationToken.None, context.User);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        if (created) context.Response.Headers[SessionHeader] = session.Id;
        if (_options.JsonResponses)
        {
            var collector = new JsonResponseCollector(session.Standalone);
            await session.Session.ProcessMessageAsync(message, collector, context.RequestAborted, context.User);
            await WriteJsonAsync(context, collector.Response);
            return;
        }

        var stream = session.NewStream();
        await StartSseAsync(context.Response);
        var connection = await stream.OpenAsync(context.Response, _options.RetryInterval, context.RequestAborted);
        // A disconnect is not a cancellation: the request goes on, and its events wait in the store for the client to resume.
        var abandon = new CancellationTokenSource();
        var processing = ProcessThenCompleteAsync(session, message, stream, context.User, abandon);
        await Task.WhenAny(processing, connection.Released, AbortedAsync(context.RequestAborted));
        if (!processing.IsCompleted) _ = AbandonedRequests.WatchAsync(stream, processing, abandon, _options.AbandonedRequestTimeout);
    }

    /// <summary>Whether a version header this endpoint does not serve may still belong to a per-request-era request (which then gets -32022 with the supported list).</summary>
    private bool MayCarryPerRequestMeta => _server.Options.ServedEras != McpServedEras.SessionOnly;

    private async Task<bool> ScopesSufficeAsync(HttpContext context, JsonRpcMessage message)
    {
        var missing = McpScopes.Missing(context.User, _server.ScopesRequiredBy(message));
        if (missing.Count == 0) return true;
        await _authorization!.ForbidAsync(context, context.User, missing, message.Id);
        return false;
    }

    /// <summary>
    /// A per-request-era request (revision 2026-07-28): no session (an <c>Mcp-Session-Id</c> is ignored), the routing
    /// headers checked against the body, the reply as JSON or as an SSE stream of this request only; closing the stream
    /// cancels the request.
    /// </summary>
    private async Task PostPerRequestAsync(HttpContext context, JsonRpcMessage message, McpRequestEra era)
    {
        if (era.IsRefused)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, era.ErrorCode, era.ErrorMessage!, message.Id, era.ErrorData);
            return;
        }
        if (McpRoutingHeaders.Problem(context.Request.Headers, message, out string? bodyName) is { } problem)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCodes.HeaderMismatch, problem, message.Id);
            return;
        }
        if (message.Method == McpMethods.ToolsCall && bodyName is not null && _server.Tools.Find(bodyName) is { } tool)
        {
            string? paramProblem;
            try { paramProblem = McpRoutingHeaders.ParamProblem(context.Request.Headers, tool, message.Params); }
            catch (Exception ex) when (ex is JsonException or FormatException) { paramProblem = "Header mismatch: an Mcp-Param-* header is not valid Base64 in its =?base64?…?= form."; }
            if (paramProblem is not null)
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCodes.HeaderMismatch, paramProblem, message.Id);
                return;
            }
        }
        var reply = new PerRequestHttpReply(context.Response, context.RequestAborted, _options.KeepAliveInterval);
        await _server.ProcessPerRequestAsync(message, era, reply, context.RequestAborted, context.User);
    }

    private static async Task AbortedAsync(CancellationToken aborted)
    {
        try { await Task.Delay(Timeout.Infinite, aborted).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private async Task ProcessThenCompleteAsync(HttpMcpSession session, JsonRpcMessage message, SseStream stream, ClaimsPrincipal user, CancellationTokenSource abandon)
    {
        using var activity = session.Begin();
        using var _ = abandon;
        try
        {
            await session.Session.ProcessMessageAsync(message, stream, abandon.Token, user).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Processing a request of session {Session} failed.", McpLog.SessionRef(session.Id));
        }
        finally
        {
            await session.CompleteAsync(stream).ConfigureAwait(false);
        }
    }

    private async Task PostStatelessAsync(HttpContext context, JsonRpcMessage message, string? version)
    {
        if (message.Kind != JsonRpcMessageKind.Request)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }
        if (_options.JsonResponses)
        {
            var collector = new JsonResponseCollector(null);
            await _server.ProcessStatelessMessageAsync(message, collector, version, context.RequestAborted, context.User);
            await WriteJsonAsync(context, collector.Response);
            return;
        }
        var stream = new SseStream("stateless", "1", NoEventStore.Instance, canResume: false);
        await StartSseAsync(context.Response);
        await stream.OpenAsync(context.Response, _options.RetryInterval, context.RequestAborted);
        await _server.ProcessStatelessMessageAsync(message, stream, version, context.RequestAborted, context.User);
    }

    private async Task GetAsync(HttpContext context)
    {
        if (_options.Stateless)
        {
            await MethodNotAllowedAsync(context);
            return;
        }
        if (!AcceptsEventStream(context.Request.Headers.Accept))
        {
            await ErrorAsync(context, StatusCodes.Status406NotAcceptable, JsonRpcErrorCodes.InvalidRequest, "Not Acceptable: Accept must include text/event-stream.");
            return;
        }
        var session = await FindSessionAsync(context);
        if (session is null) return;
        using var activity = session.Begin();

        string? lastEventId = context.Request.Headers["Last-Event-ID"];
        SseStream.Connection? connection;
        if (!string.IsNullOrEmpty(lastEventId))
        {
            int dot = lastEventId.LastIndexOf('.');
            var stream = dot > 0 ? session.FindStream(lastEventId[..dot]) : null;
            if (stream is null)
            {
                await ErrorAsync(context, StatusCodes.Status404NotFound, JsonRpcErrorCodes.InvalidRequest, "Not Found: no stream of this session has that Last-Event-ID.");
                return;
            }
            connection = await stream.ResumeAsync(context.Response, lastEventId, _options.RetryInterval, StartSseAsync, context.RequestAborted);
            if (connection is null)
            {
                // The events after that id are gone (evicted to stay within the store's budgets, or expired): say so
                // rather than open a stream that would silently skip them.
                await ErrorAsync(context, StatusCodes.Status404NotFound, JsonRpcErrorCodes.InvalidRequest,
                    "Not Found: the events after this Last-Event-ID are no longer kept (the event store's limits evicted them); this stream cannot be resumed, send the request again.");
                return;
            }
            await HoldAsync(stream, connection, context.RequestAborted);
            session.Forget(stream);
            return;
        }

        if (session.Standalone.IsConnected)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, JsonRpcErrorCodes.InvalidRequest, "Conflict: this session already has an open GET stream.");
            return;
        }
        await StartSseAsync(context.Response);
        connection = await session.Standalone.OpenAsync(context.Response, _options.RetryInterval, context.RequestAborted);
        await HoldAsync(session.Standalone, connection, context.RequestAborted);
    }

    /// <summary>Keeps a GET open until its stream ends, the connection is replaced, or the client leaves; comments keep it alive.</summary>
    private async Task HoldAsync(SseStream stream, SseStream.Connection connection, CancellationToken aborted)
    {
        while (true)
        {
            var tick = Task.Delay(_options.KeepAliveInterval, aborted);
            var done = await Task.WhenAny(connection.Released, tick);
            if (done == connection.Released || aborted.IsCancellationRequested) return;
            await stream.KeepAliveAsync(connection);
        }
    }

    private async Task DeleteAsync(HttpContext context)
    {
        if (_options.Stateless)
        {
            await MethodNotAllowedAsync(context);
            return;
        }
        var session = await FindSessionAsync(context);
        if (session is null) return;
        await _sessions.EndAsync(session.Id);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task<HttpMcpSession?> FindSessionAsync(HttpContext context)
    {
        string? id = context.Request.Headers[SessionHeader];
        if (id is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, JsonRpcErrorCodes.InvalidRequest, "Bad Request: the Mcp-Session-Id header is required.");
            return null;
        }
        var session = _sessions.Find(id);
        if (session is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, JsonRpcErrorCodes.InvalidRequest, "Not Found: the session does not exist or has expired.");
            return null;
        }
        if (!OwnedBy(session, context.User))
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCodes.InvalidRequest, "Forbidden: the session belongs to another user.");
            return null;
        }
        return session;
    }

    private static string? Subject(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? NonEmpty(user.FindFirst("sub")?.Value) ?? NonEmpty(user.FindFirst(ClaimTypes.NameIdentifier)?.Value) ?? NonEmpty(user.Identity.Name) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool OwnedBy(HttpMcpSession session, ClaimsPrincipal? user) => session.Owner is null || session.Owner == Subject(user);

    private static Task StartSseAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        return response.StartAsync();
    }

    private static async Task WriteJsonAsync(HttpContext context, byte[]? response)
    {
        if (response is null)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted; // cancelled: nothing to answer
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = response.Length; // one write of a known size: no chunked framing
        await context.Response.Body.WriteAsync(response, context.RequestAborted);
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        int semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private bool AcceptsResponse(StringValues accept) =>
        _options.JsonResponses ? Accepts(accept, "application/json") : Accepts(accept, "application/json") && Accepts(accept, "text/event-stream");

    private static bool AcceptsEventStream(StringValues accept) => Accepts(accept, "text/event-stream");

    private static bool Accepts(StringValues accept, string mediaType)
    {
        foreach (var header in accept)
        {
            if (header is null) continue;
            foreach (var part in header.Split(','))
            {
                string type = part.Split(';')[0].Trim();
                if (type.Equals(mediaType, StringComparison.OrdinalIgnoreCase) || type == "*/*") return true;
            }
        }
        return false;
    }

    private Task MethodNotAllowedAsync(HttpContext context)
    {
        context.Response.Headers.Allow = _options.Stateless || _server.Options.ServedEras == McpServedEras.PerRequestOnly ? "POST" : "GET, POST, DELETE";
        return ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, JsonRpcErrorCodes.InvalidRequest, "Method Not Allowed.");
    }

    internal static Task ErrorAsync(HttpContext context, int status, int code, string message, RequestId id = default, ReadOnlyMemory<byte> data = default) =>
        HttpErrors.WriteAsync(context, status, code, message, id, data);

    /// <summary>For JSON responses: keeps the response; sends everything else (notifications, requests to the client) to the GET stream.</summary>
    private sealed class JsonResponseCollector(IMcpMessageWriter? standalone) : IMcpMessageWriter
    {
        public byte[]? Response { get; private set; }

        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
        {
            if (kind == McpOutboundMessageKind.Response)
            {
                Response = utf8Message.ToArray();
                return default;
            }
            return standalone?.WriteMessageAsync(utf8Message, kind, cancellationToken) ?? default;
        }
    }

    /// <summary>Stateless streams cannot be resumed: events get ids but are not kept.</summary>
    private sealed class NoEventStore : IMcpEventStore
    {
        public static readonly NoEventStore Instance = new();
        private long _next;

        public ValueTask<string> StoreAsync(string sessionId, string streamId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            new(streamId + "." + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture));

        public ValueTask<McpStoredEvents?> ReadAfterAsync(string sessionId, string lastEventId, CancellationToken cancellationToken) => new((McpStoredEvents?)null);

        public ValueTask StreamCompletedAsync(string sessionId, string streamId) => default;

        public ValueTask RemoveSessionAsync(string sessionId) => default;
    }
}
