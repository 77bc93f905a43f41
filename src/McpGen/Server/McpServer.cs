using System.Collections.Concurrent;
using System.Security.Cryptography;
using McpGen.JsonRpc;
using McpGen.Protocol;
using McpGen.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpGen;

/// <summary>
/// An MCP server: the tools, prompts and resources it offers, its sessions, and request dispatch. Transports
/// (stdio here, Streamable HTTP in <c>McpGen.AspNetCore</c>) create sessions and feed them messages.
/// </summary>
/// <example>
/// <code>
/// await McpServer.RunStdioAsync(new McpServerOptions().Add(GeneratedMcpRegistry.Instance));
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
        Tools.Changed += (_, _) => BroadcastListChanged("notifications/tools/list_changed");
        Prompts.Changed += (_, _) => BroadcastListChanged("notifications/prompts/list_changed");
        Resources.Changed += (_, _) => BroadcastListChanged("notifications/resources/list_changed");
        ResourceTemplates.Changed += (_, _) => BroadcastListChanged("notifications/resources/list_changed");
    }

    /// <summary>The options the server was created with.</summary>
    public McpServerOptions Options { get; }

    /// <summary>The root service provider.</summary>
    public IServiceProvider Services { get; }

    internal ILogger Logger { get; }

    internal McpDispatcher Dispatcher { get; }

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
    /// The OAuth scopes <paramref name="request"/> needs: those of the tool it calls, the prompt it gets or the
    /// resource it reads; empty for every other request and for names that match nothing (dispatch reports those).
    /// Transports that authenticate use it to refuse a request with an HTTP status before it is dispatched.
    /// </summary>
    public IReadOnlyList<string> ScopesRequiredBy(JsonRpc.JsonRpcMessage request)
    {
        if (request.Kind != JsonRpc.JsonRpcMessageKind.Request) return [];
        try
        {
            switch (request.Method)
            {
                case "tools/call":
                    return Tools.Find(ToolCallParams.Read(request.Params).Name)?.RequiredScopes ?? [];
                case "prompts/get":
                    return Prompts.Find(ToolCallParams.Read(request.Params).Name)?.RequiredScopes ?? [];
                case "resources/read":
                    string uri = McpDispatcher.RequiredString(request.Params.Span, "uri"u8, "uri");
                    if (Resources.Find(uri) is { } resource) return resource.RequiredScopes;
                    foreach (var template in ResourceTemplates.Items)
                        if (template.Template.TryMatch(uri, out _)) return template.RequiredScopes;
                    return [];
                default:
                    return [];
            }
        }
        catch (Exception ex) when (ex is McpException or System.Text.Json.JsonException)
        {
            return []; // malformed params: dispatch answers them
        }
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
    /// Handles one request with no session (stateless transports): the protocol version comes from the transport,
    /// the client declares no capabilities, so server-to-client requests are unavailable. Writes the response to
    /// <paramref name="replyTo"/>; notifications and responses are accepted and ignored.
    /// </summary>
    public async ValueTask ProcessStatelessMessageAsync(JsonRpcMessage message, IMcpMessageWriter replyTo, string? protocolVersion,
        CancellationToken cancellationToken = default, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != JsonRpcMessageKind.Request) return;
        var response = JsonMessageBuffer.Rent();
        try
        {
            if (message.Method == "initialize")
            {
                // Answer initialize without keeping state: each later request stands alone.
                var scratch = CreateSession(NullMessageWriter.Instance);
                try { await scratch.ProcessMessageAsync(message, replyTo, cancellationToken).ConfigureAwait(false); }
                finally { await scratch.DisposeAsync().ConfigureAwait(false); }
                return;
            }
            var context = new McpRequestContext(this, null, message.Id, message.Method!, ProtocolVersions.Negotiate(protocolVersion),
                ClientCapabilities.None, null, replyTo, cancellationToken, Options.DefaultLogLevel) { User = user };
            var telemetry = Diagnostics.McpTelemetry.StartOperation(message, null, context.ProtocolVersion);   // telemetry: span + duration (no-op unless listened to)
            bool respond;
            try
            {
                respond = await Dispatcher.DispatchAsync(context, message, response).ConfigureAwait(false);
                await context.DrainAsync().ConfigureAwait(false);
            }
            catch (Exception ex) { telemetry.Stop(ex); throw; }                                                 // telemetry
            finally
            {
                await context.DisposeAsync().ConfigureAwait(false);
            }
            telemetry.Stop(respond ? response.WrittenMemory.Span : default);                                    // telemetry
            if (respond) await replyTo.WriteMessageAsync(response.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response.Dispose();
        }
    }

    /// <summary>Tells every session subscribed to <paramref name="uri"/> that the resource changed (<c>notifications/resources/updated</c>).</summary>
    public async ValueTask NotifyResourceUpdatedAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        foreach (var session in _sessions.Values)
        {
            if (!session.IsInitialized || !session.IsSubscribed(uri)) continue;
            try
            {
                await session.SendNotificationAsync("notifications/resources/updated", new ResourceUpdatedNotificationParams { Uri = uri },
                    McpJsonContext.Default.ResourceUpdatedNotificationParams, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogDebug(ex, "Could not notify session {Session} of an update to {Uri}.", McpLog.SessionRef(session.Id), uri);
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

    /// <summary>Serves this server over stdin/stdout until stdin ends, SIGTERM/SIGINT arrives, or <paramref name="cancellationToken"/> fires.</summary>
    /// <remarks>Console output written by handlers is redirected to stderr so that stdout carries only JSON-RPC.</remarks>
    public Task RunStdioAsync(CancellationToken cancellationToken = default) => StdioServerTransport.RunConsoleAsync(this, cancellationToken);

    /// <summary>Creates a server from <paramref name="options"/> and serves it over stdio (see <see cref="RunStdioAsync(CancellationToken)"/>).</summary>
    public static async Task RunStdioAsync(McpServerOptions options, CancellationToken cancellationToken = default)
    {
        await using var server = new McpServer(options);
        await server.RunStdioAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every session.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values) await session.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();
        public object? GetService(Type serviceType) => null;
    }

    private sealed class NullMessageWriter : IMcpMessageWriter
    {
        public static readonly NullMessageWriter Instance = new();
        public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, CancellationToken cancellationToken) => default;
    }
}
