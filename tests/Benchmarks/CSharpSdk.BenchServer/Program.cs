using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

// The official C# SDK serving the three bench tools over stdio, written the way its documentation shows.
var builder = Host.CreateEmptyApplicationBuilder(settings: null);
builder.Logging.ClearProviders();
builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "csharp-sdk-bench", Version = "1.0.0" })
    .WithStdioServerTransport()
    .WithTools<BenchTools>(BenchJson.Default.Options);
await builder.Build().RunAsync();

[McpServerToolType]
internal sealed class BenchTools
{
    [McpServerTool(Name = "echo"), Description("Echoes the message.")]
    public static string Echo([Description("The message.")] string message) => message;

    [McpServerTool(Name = "add"), Description("Adds two integers.")]
    public static int Add(int a, int b) => a + b;

    [McpServerTool(Name = "search_orders", UseStructuredContent = true), Description("Searches orders.")]
    public static OrderPage SearchOrders(OrderQuery query)
    {
        var items = new List<Order>(query.Limit);
        for (int i = 1; i <= query.Limit; i++) items.Add(new Order($"ord-{i}", query.Customer, i * 10.5m, query.Status ?? OrderStatus.Pending));
        return new OrderPage(items, null);
    }
}

internal enum OrderStatus { Pending, Shipped, Delivered, Cancelled }

internal sealed record OrderQuery(string Customer, int Limit = 10, OrderStatus? Status = null, string[]? Tags = null);

internal sealed record Order(string Id, string Customer, decimal Total, OrderStatus Status);

internal sealed record OrderPage(List<Order> Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(OrderQuery))]
[JsonSerializable(typeof(OrderPage))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class BenchJson : JsonSerializerContext;
