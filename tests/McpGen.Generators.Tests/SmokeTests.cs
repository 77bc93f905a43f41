using McpGen.Generators;
using McpGen.Testing;

namespace McpGen.Generators.Tests;

public class SmokeTests
{
    [Fact]
    public void Generates_compilable_code()
    {
        var compilation = TestCompilation.Create("""
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.ComponentModel.DataAnnotations;
            using System.Threading;
            using System.Threading.Tasks;
            using McpGen;

            namespace Demo;

            public enum Status { Pending, Shipped }
            public sealed record Line(string Sku, [property: Range(1, 100)] int Quantity);
            public sealed record Order(string Id, IReadOnlyList<Line> Lines, Status Status = Status.Pending, string? Note = null);

            public static class Tools
            {
                /// <summary>Adds two numbers.</summary>
                /// <param name="a">The first.</param>
                [McpTool]
                public static int Add(int a, int b) => a + b;

                /// <summary>Places an order.</summary>
                [McpTool(ReadOnly = false, Destructive = true)]
                public static Task<Order> PlaceOrderAsync(Order order, CancellationToken ct) => Task.FromResult(order);

                /// <summary>Greets.</summary>
                [McpPrompt]
                public static string Greet(string name, Status status = Status.Shipped) => "Hi " + name;

                /// <summary>Hello.</summary>
                [McpResource("test://hello", MimeType = "text/plain")]
                public static string Hello() => "hello";

                /// <summary>Item.</summary>
                [McpResource("test://items/{id}")]
                public static string Item(int id) => "item " + id;
            }
            """);
        var run = new GeneratorHarness(new McpServerGenerator()).Run(compilation);
        foreach (var (name, text) in run.Sources) Console.WriteLine($"==== {name}\n{text}");
        foreach (var p in run.Problems()) Console.WriteLine("PROBLEM " + p);
        Assert.Empty(run.Problems());
        Assert.Equal(7, run.Sources.Count);
    }
}
