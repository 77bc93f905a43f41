using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace McpGen.AspNetCore;

/// <summary>The live HTTP sessions of one endpoint: creation under a cap, lookup, and expiry of idle ones.</summary>
internal sealed class HttpSessionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HttpMcpSession> _sessions = new(StringComparer.Ordinal);
    private readonly McpServer _server;
    private readonly McpHttpOptions _options;
    private readonly IMcpEventStore _store;
    private readonly ILogger _logger;
    private readonly Timer _sweeper;
    private readonly object _createLock = new();
    private readonly SessionQuota _quota = new();

    public HttpSessionManager(McpServer server, McpHttpOptions options, IMcpEventStore store, ILogger logger)
    {
        _server = server;
        _options = options;
        _store = store;
        _logger = logger;
        var period = TimeSpan.FromTicks(Math.Clamp(options.SessionIdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(30).Ticks));
        _sweeper = new Timer(static s => ((HttpSessionManager)s!).Sweep(), this, period, period);
    }

    public int Count => _sessions.Count;

    /// <summary>
    /// Creates a session, or says which cap refused it: the endpoint's <see cref="McpHttpOptions.MaxSessions"/>, or the
    /// share of the user or client address it counts against (<paramref name="quotaKey"/>, <paramref name="quotaMax"/>).
    /// </summary>
    public (HttpMcpSession? Session, SessionRefusal Refusal) Create(string? owner, string? quotaKey, int quotaMax)
    {
        lock (_createLock)
        {
            if (_sessions.Count >= _options.MaxSessions) Sweep();
            if (_sessions.Count >= _options.MaxSessions) return (null, SessionRefusal.ServerFull);
            if (quotaKey is not null && !_quota.TryTake(quotaKey, quotaMax))
            {
                Sweep(); // an expired session of this user frees its place
                if (!_quota.TryTake(quotaKey, quotaMax)) return (null, SessionRefusal.QuotaFull);
            }
            var session = new HttpMcpSession(_server, McpServer.NewSessionId(), _store, owner) { QuotaKey = quotaKey };
            _sessions[session.Id] = session;
            _logger.LogDebug("MCP session {Session} created ({Count} live).", McpLog.SessionRef(session.Id), _sessions.Count);
            return (session, SessionRefusal.None);
        }
    }

    public HttpMcpSession? Find(string id) => _sessions.TryGetValue(id, out var s) ? s : null;

    public async ValueTask<bool> EndAsync(string id)
    {
        if (!_sessions.TryRemove(id, out var session)) return false;
        if (session.QuotaKey is { } key) _quota.Release(key);
        await session.EndAsync().ConfigureAwait(false);
        _logger.LogDebug("MCP session {Session} ended.", McpLog.SessionRef(id));
        return true;
    }

    private void Sweep()
    {
        foreach (var session in _sessions.Values)
        {
            if (session.IsBusy || session.Idle < _options.SessionIdleTimeout) continue;
            if (!_sessions.TryRemove(new KeyValuePair<string, HttpMcpSession>(session.Id, session))) continue;
            if (session.QuotaKey is { } key) _quota.Release(key);
            _logger.LogDebug("MCP session {Session} expired after {Idle} idle.", McpLog.SessionRef(session.Id), session.Idle);
            _ = session.EndAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        foreach (var id in _sessions.Keys.ToList()) await EndAsync(id).ConfigureAwait(false);
    }
}

/// <summary>Why <see cref="HttpSessionManager.Create"/> made no session.</summary>
internal enum SessionRefusal
{
    None,
    ServerFull,
    QuotaFull,
}
