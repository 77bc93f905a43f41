using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// <c>subscriptions/listen</c> (revision 2026-07-28): a long-lived response stream of the change notifications the
/// client asked for, fed by the server's <see cref="IMcpChangeBus"/>. The first frame acknowledges the honoured
/// filter; every frame carries the listen request's id in <c>_meta</c>; the stream ends when the client closes it
/// (no response) or the server stops (the listen result).
/// </summary>
internal static class McpListen
{
    public static async ValueTask<bool> ListenAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var server = context.Server;
        var filter = Honour(ReadFilter(request.Params.Span), server, context);
        var pending = new PendingChanges(filter);
        using var subscription = server.ChangeBus.Subscribe(pending.Offer);

        await context.SendNotificationAsync(McpNotifications.SubscriptionsAcknowledged, (w, id) =>
        {
            w.WritePropertyName("notifications"u8);
            filter.WriteTo(w);
            WriteSubscriptionMeta(w, id);
        }, request.Id).ConfigureAwait(false);

        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, server.Stopping);
        try
        {
            while (true)
            {
                await pending.WaitAsync(ending.Token).ConfigureAwait(false);
                foreach (var change in pending.TakeAll()) await SendAsync(context, request.Id, change).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            // The server stops: end the stream with its result.
        }

        response.BeginResult(request.Id);
        response.Writer.WriteStartObject();
        response.Writer.WriteStartObject("_meta"u8);
        response.Writer.WritePropertyName(McpMetaKeys.SubscriptionId);
        request.Id.WriteTo(response.Writer);
        response.Writer.WriteEndObject();
        response.Writer.WriteEndObject();
        response.EndResult();
        return true;
    }

    private static ValueTask SendAsync(McpRequestContext context, RequestId id, McpChange change)
    {
        string method = change.Kind switch
        {
            McpChangeKind.ToolsListChanged => McpNotifications.ToolsListChanged,
            McpChangeKind.PromptsListChanged => McpNotifications.PromptsListChanged,
            McpChangeKind.ResourcesListChanged => McpNotifications.ResourcesListChanged,
            _ => McpNotifications.ResourceUpdated,
        };
        return context.SendNotificationAsync(method, (w, state) =>
        {
            if (change.Uri is not null) w.WriteString("uri"u8, change.Uri);
            WriteSubscriptionMeta(w, state);
        }, id);
    }

    private static void WriteSubscriptionMeta(Utf8JsonWriter w, RequestId id)
    {
        w.WriteStartObject("_meta"u8);
        w.WritePropertyName(McpMetaKeys.SubscriptionId);
        id.WriteTo(w);
        w.WriteEndObject();
    }

    private static Filter ReadFilter(ReadOnlySpan<byte> json)
    {
        if (!json.IsEmpty)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals("notifications"u8);
                reader.Read();
                if (!match) { reader.Skip(); continue; }
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new McpInvalidParamsException("Parameter 'notifications' must be an object (the subscription filter).", "notifications");
                return Filter.Read(ref reader);
            }
        }
        throw new McpInvalidParamsException("Missing required parameter 'notifications' (the subscription filter).", "notifications");
    }

    /// <summary>The subset the server honours: list changes it announces, resources the user may read.</summary>
    private static Filter Honour(Filter asked, McpServer server, McpRequestContext context)
    {
        var capabilities = server.GetCapabilities();
        var granted = context.User?.Identity?.IsAuthenticated == true ? McpScopes.Granted(context.User) : null;
        List<string>? uris = null;
        if (capabilities.Resources is not null && asked.ResourceSubscriptions is { } requested)
        {
            uris = [];
            foreach (var uri in requested)
            {
                if (granted is not null && McpDispatcher.ScopesOfUri(server, uri) is { } scopes && !McpScopes.ContainsAll(granted, scopes)) continue;
                if (!uris.Contains(uri)) uris.Add(uri);
            }
        }
        return new Filter(
            asked.ToolsListChanged && capabilities.Tools?.ListChanged == true,
            asked.PromptsListChanged && capabilities.Prompts?.ListChanged == true,
            asked.ResourcesListChanged && capabilities.Resources?.ListChanged == true,
            uris);
    }

    private sealed record Filter(bool ToolsListChanged, bool PromptsListChanged, bool ResourcesListChanged, List<string>? ResourceSubscriptions)
    {
        /// <summary>The most URIs one stream listens to (the request body bounds them too).</summary>
        private const int MaxUris = 1000;

        public bool Wants(McpChange change) => change.Kind switch
        {
            McpChangeKind.ToolsListChanged => ToolsListChanged,
            McpChangeKind.PromptsListChanged => PromptsListChanged,
            McpChangeKind.ResourcesListChanged => ResourcesListChanged,
            _ => ResourceSubscriptions?.Contains(change.Uri!) == true,
        };

        public static Filter Read(ref Utf8JsonReader reader)
        {
            bool tools = false, prompts = false, resources = false;
            List<string>? uris = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("toolsListChanged"u8)) tools = ReadBool(ref reader, "toolsListChanged");
                else if (reader.ValueTextEquals("promptsListChanged"u8)) prompts = ReadBool(ref reader, "promptsListChanged");
                else if (reader.ValueTextEquals("resourcesListChanged"u8)) resources = ReadBool(ref reader, "resourcesListChanged");
                else if (reader.ValueTextEquals("resourceSubscriptions"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                        throw new McpInvalidParamsException("'notifications.resourceSubscriptions' must be an array of URIs.", "notifications.resourceSubscriptions");
                    uris = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String)
                            throw new McpInvalidParamsException("'notifications.resourceSubscriptions' must be an array of URIs.", "notifications.resourceSubscriptions");
                        if (uris.Count == MaxUris)
                            throw new McpInvalidParamsException($"'notifications.resourceSubscriptions' may name at most {MaxUris} URIs.", "notifications.resourceSubscriptions");
                        uris.Add(reader.GetString()!);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip(); // unknown filter members are not honoured (and not acknowledged)
                }
            }
            return new Filter(tools, prompts, resources, uris);
        }

        private static bool ReadBool(ref Utf8JsonReader reader, string name)
        {
            reader.Read();
            return reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw new McpInvalidParamsException($"'notifications.{name}' must be true or false.", "notifications." + name),
            };
        }

        public void WriteTo(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            if (ToolsListChanged) w.WriteBoolean("toolsListChanged"u8, true);
            if (PromptsListChanged) w.WriteBoolean("promptsListChanged"u8, true);
            if (ResourcesListChanged) w.WriteBoolean("resourcesListChanged"u8, true);
            if (ResourceSubscriptions is { } uris)
            {
                w.WriteStartArray("resourceSubscriptions"u8);
                foreach (var uri in uris) w.WriteStringValue(uri);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
    }

    /// <summary>
    /// Changes waiting to be sent on one stream, coalesced: a list change is pending or not, a resource update once per
    /// URI, so a slow client costs a bounded amount of memory whatever the rate of changes.
    /// </summary>
    private sealed class PendingChanges(Filter filter)
    {
        private readonly SemaphoreSlim _signal = new(0, 1);
        private readonly List<McpChange> _pending = [];

        public ValueTask Offer(McpChange change)
        {
            if (!filter.Wants(change)) return default;
            lock (_pending)
            {
                if (_pending.Contains(change)) return default;
                _pending.Add(change);
            }
            try { if (_signal.CurrentCount == 0) _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
            return default;
        }

        public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

        public McpChange[] TakeAll()
        {
            lock (_pending)
            {
                var all = _pending.ToArray();
                _pending.Clear();
                return all;
            }
        }
    }
}
