using System.Collections.Concurrent;
using McpGen;

namespace Orders;

/// <summary>An order of the signed-in user.</summary>
/// <param name="Id">The order's id.</param>
/// <param name="Item">What was ordered.</param>
/// <param name="Status">open or cancelled.</param>
public sealed record Order(string Id, string Item, string Status);

/// <summary>Orders per user, kept in memory: each caller sees only the orders of the token's subject.</summary>
public static class OrderTools
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Order>> Orders = new();

    /// <summary>Lists the caller's orders.</summary>
    [McpTool(ReadOnly = true, Scopes = ["orders:read"])]
    public static IReadOnlyList<Order> ListOrders(McpRequestContext context) =>
        [.. For(context).Values.OrderBy(o => o.Id, StringComparer.Ordinal)];

    /// <summary>Cancels one of the caller's orders.</summary>
    /// <param name="context">The request (its user owns the orders).</param>
    /// <param name="id">The order's id, as listed by list_orders.</param>
    [McpTool(Destructive = true, Idempotent = true, Scopes = ["orders:write"])]
    public static Order CancelOrder(McpRequestContext context, string id)
    {
        var orders = For(context);
        if (!orders.TryGetValue(id, out var order)) throw new InvalidOperationException($"No order '{id}'.");
        var cancelled = order with { Status = "cancelled" };
        orders[id] = cancelled;
        return cancelled;
    }

    /// <summary>Says who the caller is and which scopes the token grants.</summary>
    [McpTool(ReadOnly = true)]
    public static string Whoami(McpRequestContext context) =>
        $"{Subject(context)} ({string.Join(' ', McpScopes.Granted(context.User))})";

    private static string Subject(McpRequestContext context) =>
        context.User?.FindFirst("sub")?.Value ?? throw new InvalidOperationException("No authenticated user.");

    private static ConcurrentDictionary<string, Order> For(McpRequestContext context) =>
        Orders.GetOrAdd(Subject(context), static _ => new(StringComparer.Ordinal)
        {
            ["A-1001"] = new("A-1001", "keyboard", "open"),
            ["A-1002"] = new("A-1002", "monitor", "open"),
        });
}
