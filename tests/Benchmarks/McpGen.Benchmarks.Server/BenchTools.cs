using McpGen;

namespace McpGen.Benchmarks.Server;

/// <summary>The three bench tools, written as a McpGen user writes them.</summary>
public static class BenchTools
{
    /// <summary>Echoes the message.</summary>
    /// <param name="message">The message.</param>
    [McpTool]
    public static string Echo(string message) => message;

    /// <summary>Adds two integers.</summary>
    [McpTool]
    public static int Add(int a, int b) => a + b;

    /// <summary>Searches orders.</summary>
    [McpTool]
    public static OrderPage SearchOrders(OrderQuery query)
    {
        var items = new List<Order>(query.Limit);
        for (int i = 1; i <= query.Limit; i++) items.Add(new Order($"ord-{i}", query.Customer, i * 10.5m, query.Status ?? OrderStatus.Pending));
        return new OrderPage(items, null);
    }
}

/// <summary>The state of an order.</summary>
public enum OrderStatus { Pending, Shipped, Delivered, Cancelled }

/// <summary>What to search for.</summary>
public sealed record OrderQuery(string Customer, int Limit = 10, OrderStatus? Status = null, string[]? Tags = null);

/// <summary>An order.</summary>
public sealed record Order(string Id, string Customer, decimal Total, OrderStatus Status);

/// <summary>A page of orders.</summary>
public sealed record OrderPage(List<Order> Items, string? NextCursor);
