using System.Collections.Concurrent;
using System.Security.Cryptography;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpGen;

/// <summary>
/// An MCP server: the tools, prompts and resources it offers, its sessions, and request dispatch. Transports
/// (stdio here, Streamable HTTP in <c>McpGen.AspNetCore</c>) create sessions and feed them messages.
/// </summary>
/// <example>
/// <code>
/// await McpServer.RunStdioAsync(new McpServerOptions().Add(GeneratedMcpRegistry.Instance)); // McpServerStdioExtensions
/// </code>
/// </example>
public sealed class McpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, McpSession> _sessions = new(StringComparer.Ordinal);
    private ServerCapabilities? _capabilities;

    /// <summary>Creates a server from <paramref name="options"/>.</summary>
    /// <param name="options">What to serve and the limits.</param>
    /// <param name="services">Services for instance tools and handlers (optional).</param>
    /// <param name="loggerFactory">Where the server's own diagnostics go (never stdout).</param>
    /// <exception cref="InvalidOperationException">Two registries define the same tool, prompt, resource or template.</exception>
    public McpServer(McpServerOptions options, IServiceProvider? services = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Services = services ?? EmptyServiceProvider.Instance;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("McpGen.Server");

        Tools = new McpPrimitiveCollection<McpTool>(static t => t.Name, "tool");
        Prompts = new McpPrimitiveCollection<McpPrompt>(static p => p.Name, "prompt");
        Resources = new McpPrimitiveCollection<McpResource>(static r => r.Uri, "resource");
        ResourceTemplates = new McpPrimitiveCollection<McpResourceTemplate>(static t => t.UriTemplate, "resource template");
        foreach (var registry in options.Registries)
        {
            Tools.AddRange(registry.Tools);
            Prompts.AddRange(registry.Prompts);
            Resources.AddRange(registry.Resources);
            ResourceTemplates.AddRange(registry.ResourceTemplates);
        }

        Dispatcher = new McpDispatcher(this);
        InFlightBytes = new McpByteBudget(options.MaxInFlightRequestBytes);
        // One change source: run-time list changes and resource updates go to the bus; session-era clients hear them from
        // it like every listen stream does, so a shared bus brings other instances' changes to this one's clients too.
        ChangeBus = options.ChangeBus ?? new InMemoryMcpChangeBus();
        _sessionFanOut = ChangeBus.Subscribe(NotifySessionsAsync);
        Tools.Changed += (_, _) => PublishQuietly(new McpChange(McpChangeKind.ToolsListChanged));
        Prompts.Changed += (_, _) => PublishQuietly(new McpChange(McpChangeKind.PromptsListChanged));
        Resources.Changed += (_, _) => PublishQuietly(new McpChange(McpChangeKind.ResourcesListChanged));
        ResourceTemplates.Changed += (_, _) => PublishQuietly(new McpChange(McpChangeKind.ResourcesListChanged));
    }

    /// <summary>The options the server was created with.</summary>
    public McpServerOptions Options { get; }

    /// <summary>The root service provider.</summary>
    public IServiceProvider Services { get; }

    internal ILogger Logger { get; }

    internal McpDispatcher Dispatcher { get; }

    /// <summary>The budget of <see cref="McpServerOptions.MaxInFlightRequestBytes"/>, shared by every request this server runs.</summary>
    internal McpByteBudget InFlightBytes { get; }

    /// <summary>The bytes the messages of requests in flight hold now (bounded by <see cref="McpServerOptions.MaxInFlightRequestBytes"/>).</summary>
    public long InFlightRequestBytes => InFlightBytes.Used;

    /// <summary>The tools offered; add or remove at run time and clients are notified.</summary>
    public McpPrimitiveCollection<McpTool> Tools { get; }

    /// <summary>The prompts offered.</summary>
    public McpPrimitiveCollection<McpPrompt> Prompts { get; }

    /// <summary>The resources with fixed URIs offered.</summary>
    public McpPrimitiveCollection<McpResource> Resources { get; }

    /// <summary>The resource templates offered.</summary>
    public McpPrimitiveCollection<McpResourceTemplate> ResourceTemplates { get; }

    /// <summary>The live sessions.</summary>
    public IReadOnlyCollection<McpSession> Sessions => (IReadOnlyCollection<McpSession>)_sessions.Values;

    /// <summary>
    /// The capabilities announced in <c>initialize</c>, derived from what is registered when the first client
    /// initializes: <c>tools</c>, <c>prompts</c> and <c>resources</c> when any exist (all with <c>listChanged</c>,
    /// resources with <c>subscribe</c>), plus <c>logging</c> and <c>completions</c>, which every McpGen server serves.
    /// </summary>
    public ServerCapabilities GetCapabilities() => _capabilities ??= new ServerCapabilities
    {
        Logging = EmptyObject.Instance,
        Completions = EmptyObject.Instance,
        Tools = Tools.Count > 0 ? new ListChangedCapability { ListChanged = true } : null,
        Prompts = Prompts.Count > 0 ? new ListChangedCapability { ListChanged = true } : null,
        Resources = Resources.Count > 0 || ResourceTemplates.Count > 0 ? new ResourcesCapability { Subscribe = true, ListChanged = true } : null,
    };

    /// <summary>Seals the <c>requestState</c> of multi round-trip requests: <see cref="McpServerOptions.RequestStateProtector"/>, or a key of this process.</summary>
    public McpRequestStateProtector RequestStateProtector => _protector ??= Options.RequestStateProtector ?? McpRequestStateProtector.CreateEphemeral();

    private McpRequestStateProtector? _protector;

    /// <summary>The members that end every per-request-era result (result type and server info), rendered once.</summary>
    internal McpResultTrailer ResultTrailer => _resultTrailer ??= new McpResultTrailer(Options.ServerInfo);

    private McpResultTrailer? _resultTrailer;

    /// <summary>
    /// The caching hint of lists, discovery and reads: <see cref="McpServerOptions.CacheHint"/>, or by default
    /// <c>ttlMs</c> 0 and <c>private</c> when any primitive requires scopes (lists then differ by authorization),
    /// <c>public</c> otherwise.
    /// </summary>
    public McpCacheHint CacheHint => Options.CacheHint ?? new McpCacheHint(0, AllRequiredScopes().Count > 0 ? McpCacheScope.Private : McpCacheScope.Public);

    /// <summary>The capabilities announced by <c>server/discover</c>: those of <see cref="GetCapabilities"/> plus the configured extensions.</summary>
    public ServerCapabilities GetDiscoveryCapabilities() => _discoveryCapabilities ??= new ServerCapabilities
    {
        Logging = GetCapabilities().Logging,
        Completions = GetCapabilities().Completions,
        Tools = GetCapabilities().Tools,
        Prompts = GetCapabilities().Prompts,
        Resources = GetCapabilities().Resources,
        Extensions = new Dictionary<string, System.Text.Json.JsonElement>(Options.Extensions, StringComparer.Ordinal),
    };

    private ServerCapabilities? _discoveryCapabilities;

    /// <summary>Creates a session; the transport feeds it messages and disposes it when the connection ends.</summary>
    /// <param name="unsolicitedWriter">Where notifications that belong to no request go (stdout; the HTTP standalone stream).</param>
    /// <param name="sessionId">The id; by default 128 random bits, base64url-encoded.</param>
    public McpSession CreateSession(IMcpMessageWriter unsolicitedWriter, string? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(unsolicitedWriter);
        var session = new McpSession(this, sessionId ?? NewSessionId(), unsolicitedWriter);
        if (!_sessions.TryAdd(session.Id, session)) throw new InvalidOperationException($"A session '{session.Id}' exists already.");
        return session;
    }

    /// <summary>
    /// The OAuth scopes <paramref name="request"/> needs: those of the tool it calls, the prompt it gets or completes,
    /// the resource it reads, subscribes to or completes; empty for every other request and for names that match
    /// nothing (dispatch reports those). Dispatch demands the same scopes; transports that authenticate use this to
    /// refuse a request with an HTTP status before it is dispatched.
    /// </summary>
    public IReadOnlyList<string> ScopesRequiredBy(JsonRpcMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind != JsonRpcMessageKind.Request || Dispatcher.Find(request.Method!)?.Scopes is not { } rule) return [];
        try
        {
            return rule(this, request).Scopes;
        }
        catch (Exception ex) when (ex is McpException or System.Text.Json.JsonException)
        {
            return []; // malformed params: dispatch answers them
        }
    }

    /// <summary>
    /// Whether <paramref name="message"/> is the handshake that starts a session (<c>initialize</c>): transports with
    /// sessions create one for it, and handle it before reading the next message.
    /// </summary>
    public bool IsHandshake(JsonRpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Kind == JsonRpcMessageKind.Request && Dispatcher.Find(message.Method!)?.IsHandshake == true;
    }

    /// <summary>Every scope any registered primitive needs, sorted (the default <c>scopes_supported</c> of the resource metadata).</summary>
    public IReadOnlyList<string> AllRequiredScopes()
    {
        var all = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in Tools.Items) all.UnionWith(t.RequiredScopes);
        foreach (var p in Prompts.Items) all.UnionWith(p.RequiredScopes);
        foreach (var r in Resources.Items) all.UnionWith(r.RequiredScopes);
        foreach (var t in ResourceTemplates.Items) all.UnionWith(t.RequiredScopes);
        return [.. all];
    }

    /// <summary>How many sessions are live (for diagnostics and health checks).</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Finds a live session by id.</summary>
    public McpSession? FindSession(string sessionId) => _sessions.TryGetValue(sessionId, out var session) ? session : null;

    internal void RemoveSession(McpSession session) => _sessions.TryRemove(new KeyValuePair<string, McpSession>(session.Id, session));

    /// <summary>A new unguessable session id: 128 bits from a cryptographic generator, base64url without padding (22 ASCII characters).</summary>
    public static string NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Decides which era serves <paramref name="request"/>: the per-request era when its <c>params._meta</c> names a
    /// protocol version (or the version header names a per-request revision), otherwise the session era. A request
    /// whose metadata is missing or contradicts the header is refused (see <see cref="McpRequestEra.IsRefused"/>).
    /// </summary>
    /// <param name="request">A parsed request.</param>
    /// <param name="protocolVersionHeader">The transport's <c>MCP-Protocol-Version</c> header, if it has one and it was sent.</param>
    /// <param name="transportHasVersionHeader">Whether the transport carries the header (HTTP), so a per-request-era request without it is refused.</param>
    public McpRequestEra ClassifyRequest(JsonRpcMessage request, string? protocolVersionHeader = null, bool transportHasVersionHeader = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        return McpRequestEra.Classify(request, Options.ServedEras, protocolVersionHeader, transportHasVersionHeader);
    }

    /// <summary>
    /// Handles a per-request-era request (revision 2026-07-28) classified by <see cref="ClassifyRequest"/>: no session,
    /// the client's facts from its <c>_meta</c>; a refused one is answered with its error. The task completes once the
    /// response was written to <paramref name="replyTo"/> (or the request was cancelled through <paramref name="cancellationToken"/>).
    /// </summary>
    public ValueTask ProcessPerRequestAsync(JsonRpcMessage request, McpRequestEra era, IMcpMessageWriter replyTo,
        CancellationToken cancellationToken = default, System.Security.Claims.ClaimsPrincipal? user = null) =>
        ProcessPerRequestAsync(request, era, replyTo, cancellationToken, user, inFlight: null);

    internal ValueTask ProcessPerRequestAsync(JsonRpcMessage request, McpRequestEra era, IMcpMessageWriter replyTo,
        CancellationToken cancellationToken, System.Security.Claims.ClaimsPrincipal? user, McpInFlightRequests? inFlight)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(era);
        ArgumentNullException.ThrowIfNull(replyTo);
        if (era.IsRefused)
            return WriteRefusalAsync(request.Id, era, replyTo);
        if (era.Revision is null) throw new ArgumentException("The request belongs to the session era; hand it to its session.", nameof(era));
        return McpRequestRunner.RunAsync(this, new PerRequestClientState(era.Revision, era.Meta, inFlight), request, replyTo, cancellationToken, user);
    }

    private static async ValueTask WriteRefusalAsync(RequestId id, McpRequestEra era, IMcpMessageWriter replyTo)
    {
        var buffer = JsonMessageBuffer.Rent();
        try
        {
            buffer.WriteError(id, era.ErrorCode, era.ErrorMessage!, era.ErrorData.Span);
            await replyTo.WriteMessageAsync(buffer.WrittenMemory, McpOutboundMessageKind.Response, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Handles one request with no session (stateless transports). A per-request-era request is served as
    /// <see cref="ProcessPerRequestAsync(JsonRpcMessage, McpRequestEra, IMcpMessageWriter, CancellationToken, System.Security.Claims.ClaimsPrincipal?)"/> does;
    /// a session-era one under the version the transport names (<paramref name="protocolVersion"/>),
    /// the client's facts are not kept (it declares no capabilities, so server-to-client requests are unavailable), and
    /// <c>initialize</c> is answered without keeping anything. Writes the response to <paramref name="replyTo"/>;
    /// notifications and responses are accepted and ignored.
    /// </summary>
    public ValueTask ProcessStatelessMessageAsync(JsonRpcMessage message, IMcpMessageWriter replyTo, string? protocolVersion,
        CancellationToken cancellationToken = default, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(replyTo);
        if (message.Kind != JsonRpcMessageKind.Request) return default;
        var era = ClassifyRequest(message, protocolVersion);
        if (era.Era == McpEra.PerRequest) return ProcessPerRequestAsync(message, era, replyTo, cancellationToken, user);
        var revision = McpProtocolRevision.Find(protocolVersion) is { HasInitializeHandshake: true } known ? known : McpProtocolRevision.V2025_11_25;
        return McpRequestRunner.RunAsync(this, StatelessClientState.For(revision), message, replyTo, cancellationToken, user);
    }

    /// <summary>Where the server's changes go: <see cref="McpServerOptions.ChangeBus"/>, or an in-memory bus of this instance.</summary>
    public IMcpChangeBus ChangeBus { get; }

    private readonly IDisposable _sessionFanOut;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the server is disposed: long-lived requests (listen streams) end gracefully.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// Tells every client that listens for <paramref name="uri"/> that the resource changed
    /// (<c>notifications/resources/updated</c>): sessions subscribed to it, and listen streams that asked for it.
    /// </summary>
    public async ValueTask NotifyResourceUpdatedAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        await ChangeBus.PublishAsync(new McpChange(McpChangeKind.ResourceUpdated, uri), cancellationToken).ConfigureAwait(false);
    }

    private void PublishQuietly(McpChange change) => _ = PublishQuietlyAsync(change);

    private async Task PublishQuietlyAsync(McpChange change)
    {
        try
        {
            await ChangeBus.PublishAsync(change).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "Could not publish the change {Change}.", change.Kind);
        }
    }

    /// <summary>The session era's share of every change: list changes to initialized sessions, resource updates to those subscribed.</summary>
    private async ValueTask NotifySessionsAsync(McpChange change)
    {
        if (change.Kind != McpChangeKind.ResourceUpdated)
        {
            BroadcastListChanged(change.Kind switch
            {
                McpChangeKind.ToolsListChanged => McpNotifications.ToolsListChanged,
                McpChangeKind.PromptsListChanged => McpNotifications.PromptsListChanged,
                _ => McpNotifications.ResourcesListChanged,
            });
            return;
        }
        foreach (var session in _sessions.Values)
        {
            if (!session.IsInitialized || !session.IsSubscribed(change.Uri!)) continue;
            try
            {
                await session.SendNotificationAsync(McpNotifications.ResourceUpdated, new ResourceUpdatedNotificationParams { Uri = change.Uri! },
                    McpJsonContext.Default.ResourceUpdatedNotificationParams).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogDebug(ex, "Could not notify session {Session} of an update to {Uri}.", McpLog.SessionRef(session.Id), change.Uri);
            }
        }
    }

    private void BroadcastListChanged(string method)
    {
        foreach (var session in _sessions.Values)
        {
            if (!session.IsInitialized) continue;
            _ = SendQuietlyAsync(session, method);
        }
    }

    private async Task SendQuietlyAsync(McpSession session, string method)
    {
        try
        {
            await session.SendNotificationAsync(method, EmptyObject.Instance, McpJsonContext.Default.EmptyObject).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogDebug(ex, "Could not send {Method} to session {Session}.", method, McpLog.SessionRef(session.Id));
        }
    }

    /// <summary>Ends listen streams (gracefully, with their result) and every session.</summary>
    public async ValueTask DisposeAsync()
    {
        try { _stopping.Cancel(); } catch (AggregateException) { /* a listener's callback threw; stopping anyway */ }
        _sessionFanOut.Dispose();
        foreach (var session in _sessions.Values) await session.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
