using McpGen.Testing;

namespace McpGen.Generators.Tests;

/// <summary>Golden files of the generated source, one per category. MCPGEN_UPDATE_BASELINES=1 rewrites them.</summary>
public class BaselineTests
{
    private static void VerifyAll(string category, params string[] sources)
    {
        var run = new GeneratorHarness(new McpServerGenerator()).Run(TestCompilation.Create(sources));
        Assert.True(run.Problems().Count == 0, string.Join("\n", run.Problems()));
        foreach (var (hint, text) in run.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
            Baselines.Verify($"{category}/{hint}.txt", text);
    }

    [Fact]
    public void Primitives_and_tool_hints() => VerifyAll("tools", """
        using McpGen;
        namespace Demo;
        public static class Math
        {
            /// <summary>Adds two integers.</summary>
            /// <param name="a">The first.</param>
            /// <param name="b">The second.</param>
            [McpTool(ReadOnly = true, Idempotent = true, OpenWorld = false)]
            public static long Add(int a, int b) => (long)a + b;

            /// <summary>Says hello.</summary>
            [McpTool("say-hello", Title = "Say hello", Icons = new[] { "https://example.com/hi.png" }, Scopes = new[] { "greet" })]
            public static string Hello(string name, bool shout = false) => shout ? name.ToUpperInvariant() : name;

            /// <summary>Does nothing, slowly.</summary>
            [McpTool]
            public static System.Threading.Tasks.Task WaitAsync(System.TimeSpan delay, System.Threading.CancellationToken ct) => System.Threading.Tasks.Task.Delay(delay, ct);
        }
        """);

    [Fact]
    public void Records_collections_enums_and_recursion() => VerifyAll("types", """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using McpGen;
        namespace Demo;
        public enum Color { Red, [JsonStringEnumMemberName("dark-green")] Green }
        /// <summary>A node.</summary>
        /// <param name="Label">Its label.</param>
        public sealed record Node(string Label, List<Node>? Children = null);
        public sealed record Query([property: MinLength(1)] string Text, HashSet<Color> Colors, Dictionary<string, int>? Weights = null, int Limit = 10);
        public sealed record Page(IReadOnlyList<Node> Items, string? NextCursor);
        public static class Search
        {
            /// <summary>Searches.</summary>
            [McpTool]
            public static Page Find(Query query, Node? root = null) => new(new[] { root ?? new Node(query.Text) }, null);
        }
        """);

    [Fact]
    public void Prompts_resources_templates_and_completion() => VerifyAll("prompts-resources", """
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using McpGen;
        using McpGen.Protocol;
        namespace Demo;
        public enum Tone { Formal, Casual }
        public static class Content
        {
            /// <summary>Writes a letter.</summary>
            /// <param name="to">The recipient.</param>
            [McpPrompt(Title = "Letter")]
            public static IEnumerable<PromptMessage> Letter(string to, Tone tone = Tone.Formal, [AllowedValues("short", "long")] string? length = null)
                => new[] { PromptMessage.User($"Write a {tone} {length} letter to {to}.") };

            /// <summary>The changelog.</summary>
            [McpResource("docs://changelog", MimeType = "text/markdown")]
            public static string Changelog() => "# Changes";

            /// <summary>A user's avatar.</summary>
            [McpResource("users://{id}/avatar", Name = "avatar", MimeType = "image/png")]
            public static byte[] Avatar(int id) => new byte[] { (byte)id };
        }
        """);

    [Fact]
    public void Instance_methods_and_services() => VerifyAll("instances", """
        using System;
        using System.Threading.Tasks;
        using McpGen;
        namespace Demo;
        public interface IWeather { Task<string> GetAsync(string city); }
        /// <summary>Weather lookups.</summary>
        public sealed class WeatherTools(IWeather weather) : IAsyncDisposable
        {
            /// <summary>Gets the forecast for a city.</summary>
            /// <param name="city">City name, e.g. "Paris".</param>
            [McpTool]
            public Task<string> GetForecastAsync(string city, McpRequestContext context, IProgress<double> progress) => weather.GetAsync(city);

            public ValueTask DisposeAsync() => default;
        }
        """);
}
