using McpGen.Testing;

namespace McpGen.Generators.Tests;

public class OptionsTests
{
    [Fact]
    public async Task Assembly_options_rename_the_registry_and_change_naming()
    {
        var assembly = GeneratedAssembly.Build(new McpServerGenerator(), """
            using McpGen;
            [assembly: McpGenOptions(RegistryNamespace = "My.Server", RegistryClassName = "Registry", PublicRegistry = true, PropertyNaming = McpPropertyNaming.SnakeCaseLower)]
            namespace Demo;
            public sealed record Customer(string FirstName, int OrderCount);
            public static class T
            {
                /// <summary>Echoes.</summary>
                [McpTool]
                public static Customer Echo(Customer theCustomer) => theCustomer;
            }
            """);
        var type = assembly.Assembly.GetType("My.Server.Registry")!;
        Assert.True(type.IsPublic);
        var options = new McpServerOptions();
        options.Add(assembly.Registry("My.Server.Registry"));
        await using var client = new InMemoryClient(new McpServer(options));
        await client.InitializeAsync();
        var schema = (await client.ResultAsync("tools/list")).GetProperty("tools")[0].GetProperty("inputSchema");
        Assert.True(schema.GetProperty("properties").TryGetProperty("the_customer", out var customer));
        Assert.True(customer.GetProperty("properties").TryGetProperty("first_name", out _));
        var result = await client.ResultAsync("tools/call", new { name = "echo", arguments = new Dictionary<string, object> { ["the_customer"] = new Dictionary<string, object> { ["first_name"] = "Ada", ["order_count"] = 3 } } });
        Assert.Equal("Ada", result.GetProperty("structuredContent").GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task The_json_serializer_context_escape_hatch_binds_types_the_generator_does_not_model()
    {
        var assembly = GeneratedAssembly.Build([new McpServerGenerator(), SystemTextJsonGenerator.Create()], """
            using System.Text.Json.Serialization;
            using McpGen;
            [assembly: McpGenOptions(JsonSerializerContext = typeof(Demo.MyJson))]
            namespace Demo;
            [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
            [JsonDerivedType(typeof(Circle), "circle")]
            [JsonDerivedType(typeof(Square), "square")]
            public abstract class Shape { }
            public sealed class Circle : Shape { public double Radius { get; set; } }
            public sealed class Square : Shape { public double Side { get; set; } }
            [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
            [JsonSerializable(typeof(Shape))]
            public sealed partial class MyJson : JsonSerializerContext { }
            public static class T
            {
                /// <summary>Area of a shape.</summary>
                [McpTool]
                public static double Area(Shape shape) => shape switch { Circle c => 3 * c.Radius * c.Radius, Square s => s.Side * s.Side, _ => 0 };
            }
            """);
        var options = new McpServerOptions();
        options.Add(assembly.Registry());
        await using var client = new InMemoryClient(new McpServer(options));
        await client.InitializeAsync();
        var result = await client.ResultAsync("tools/call", new { name = "area", arguments = new { shape = new { kind = "square", side = 3 } } });
        Assert.Equal("9", result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Methods_the_generator_cannot_handle_are_skipped_without_breaking_the_build()
    {
        var compilation = TestCompilation.Create("""
            using McpGen;
            namespace Demo;
            public static class T
            {
                [McpTool] private static int Hidden(int a) => a;
                [McpTool] public static int Generic<TValue>(int a) => a;
                [McpTool] public static async void Fire() { await System.Threading.Tasks.Task.Yield(); }
                [McpTool] public static int ByRef(ref int a) => a;
                [McpTool] public static int Unbindable(System.Threading.Thread t) => 0;
                [McpResource("x://{id}")] public static string Mismatch(string other) => other;
                /// <summary>Fine.</summary>
                [McpTool] public static int Fine(int a) => a;
            }
            """);
        var run = new GeneratorHarness(new McpServerGenerator()).Run(compilation);
        Assert.Empty(run.Problems("CS1998"));
        Assert.Equal(2, run.Sources.Count); // Fine, and the registry
        Assert.Contains(run.Sources.Keys, k => k.StartsWith("T.Fine.", StringComparison.Ordinal));
    }
}
