namespace McpGen;

/// <summary>What changed on the server: a list, or one resource.</summary>
public enum McpChangeKind
{
    /// <summary>The tool list changed (<c>notifications/tools/list_changed</c>).</summary>
    ToolsListChanged,

    /// <summary>The prompt list changed (<c>notifications/prompts/list_changed</c>).</summary>
    PromptsListChanged,

    /// <summary>The resource or template list changed (<c>notifications/resources/list_changed</c>).</summary>
    ResourcesListChanged,

    /// <summary>A resource changed (<c>notifications/resources/updated</c>); <see cref="McpChange.Uri"/> says which.</summary>
    ResourceUpdated,
}

/// <summary>One change event. Events are small facts, not notification frames: every listener renders its own.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Uri">The resource, for <see cref="McpChangeKind.ResourceUpdated"/>.</param>
public readonly record struct McpChange(McpChangeKind Kind, string? Uri = null);

/// <summary>
/// Where a server's changes go and where its listeners hear them: <c>subscriptions/listen</c> streams (revision
/// 2026-07-28) and session-era clients (their GET stream or stdout). The in-memory default serves one instance; a
/// shared implementation (e.g. over PostgreSQL) lets a change made on one instance reach listeners on all of them.
/// Delivery is at most once and without replay: a listener hears what happens while it listens.
/// </summary>
public interface IMcpChangeBus
{
    /// <summary>Publishes <paramref name="change"/> to every listener.</summary>
    ValueTask PublishAsync(McpChange change, CancellationToken cancellationToken = default);

    /// <summary>Starts listening; dispose the result to stop. The listener must not block: it is called on the publisher's path.</summary>
    IDisposable Subscribe(Func<McpChange, ValueTask> listener);
}
