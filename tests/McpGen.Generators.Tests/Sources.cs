namespace McpGen.Generators.Tests;

/// <summary>A project that uses every supported type, special parameter and return kind.</summary>
internal static class Sources
{
    public const string Everything = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using McpGen;
        using McpGen.Protocol;

        namespace Shop;

        /// <summary>The state of an order.</summary>
        public enum OrderStatus
        {
            Pending,
            [JsonStringEnumMemberName("in-transit")] Shipped,
            Delivered,
        }

        /// <summary>An order line.</summary>
        /// <param name="Sku">The product code.</param>
        /// <param name="Quantity">How many, 1 to 100.</param>
        public sealed record Line(string Sku, [property: Range(1, 100)] int Quantity);

        /// <summary>A category tree.</summary>
        public sealed class Category
        {
            /// <summary>The name.</summary>
            public required string Name { get; init; }
            public List<Category> Children { get; set; } = new();
        }

        public sealed class Settings
        {
            public int Retries { get; set; } = 3;
            [JsonPropertyName("time_out")] public TimeSpan Timeout { get; set; }
            [JsonIgnore] public string Secret { get; set; } = "hidden";
            public Dictionary<string, double> Weights { get; set; } = new();
            public HashSet<string> Tags { get; set; } = new();
        }

        public struct Point
        {
            public double X { get; set; }
            public double Y { get; set; }
        }

        public sealed record OrderRequest(
            string Customer,
            IReadOnlyList<Line> Lines,
            OrderStatus Status = OrderStatus.Pending,
            string? Note = null,
            int[]? Priorities = null);

        public sealed record OrderResult(string Id, decimal Total, OrderStatus Status, DateTimeOffset PlacedAt, Guid Trace, IReadOnlyList<Line> Lines);

        public interface IClock { DateTimeOffset Now { get; } }

        public sealed class FixedClock : IClock { public DateTimeOffset Now => new(2025, 11, 25, 10, 0, 0, TimeSpan.Zero); }

        public static class ShopTools
        {
            /// <summary>Adds two integers.</summary>
            /// <param name="a">The first number.</param>
            /// <param name="b">The second number.</param>
            [McpTool(ReadOnly = true, Idempotent = true)]
            public static int Add(int a, int b) => a + b;

            /// <summary>Places an order.</summary>
            /// <param name="request">What to order.</param>
            [McpTool(Destructive = false, Title = "Place an order")]
            public static async Task<OrderResult> PlaceOrderAsync(OrderRequest request, IClock clock, CancellationToken cancellationToken)
            {
                await Task.Yield();
                decimal total = 0;
                foreach (var line in request.Lines) total += line.Quantity * 2.5m;
                return new OrderResult("ord-1", total, request.Status, clock.Now, new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), request.Lines);
            }

            /// <summary>Echoes every primitive type.</summary>
            [McpTool]
            public static string Primitives(bool flag, sbyte i8, byte u8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64,
                float f32, double f64, decimal dec, char ch, string text, Guid id, DateTime when, DateTimeOffset whenOffset,
                DateOnly day, TimeOnly time, TimeSpan span, Uri link, byte[] data, JsonElement any, JsonNode node)
                => string.Join("|", flag, i8, u8, i16, u16, i32, u32, i64, u64, f32.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    f64.ToString(System.Globalization.CultureInfo.InvariantCulture), dec.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ch, text, id, when.ToString("O"), whenOffset.ToString("O"), day.ToString("O"), time.ToString("O"), span, link, Convert.ToBase64String(data), any.GetRawText(), node.ToJsonString());

            /// <summary>Optional and nullable arguments.</summary>
            [McpTool]
            public static string Optional(string? maybe, int? count, OrderStatus? status, int limit = 10, string greeting = "hi", OrderStatus mode = OrderStatus.Shipped)
                => $"{maybe ?? "null"}|{count?.ToString() ?? "null"}|{status?.ToString() ?? "null"}|{limit}|{greeting}|{mode}";

            /// <summary>Validates its arguments.</summary>
            [McpTool]
            public static string Validated(
                [Range(1, 10)] int level,
                [MinLength(2), MaxLength(5)] string code,
                [StringLength(8, MinimumLength = 3)] string name,
                [RegularExpression("[a-z]+")] string lower,
                [EmailAddress] string email,
                [Url] string site,
                [AllowedValues("red", "green")] string color,
                [DeniedValues("root")] string user,
                [Length(1, 3)] List<int> items)
                => "ok";

            /// <summary>Collections and dictionaries.</summary>
            [McpTool]
            public static int Collections(List<string> list, IReadOnlyList<int> readOnly, IEnumerable<double> sequence, ICollection<bool> bools,
                HashSet<string> set, Dictionary<string, int> map, IReadOnlyDictionary<string, Line> lines, string?[] nullableItems)
                => list.Count + readOnly.Count + System.Linq.Enumerable.Count(sequence) + bools.Count + set.Count + map.Count + lines.Count + nullableItems.Length;

            /// <summary>Recursive types.</summary>
            [McpTool]
            public static Category Tree(Category root) => root;

            /// <summary>Classes with settable properties, structs.</summary>
            [McpTool]
            public static Settings Configure(Settings settings, Point origin) => new() { Retries = settings.Retries + (int)origin.X, Timeout = settings.Timeout, Weights = settings.Weights, Tags = settings.Tags };

            /// <summary>Reports progress.</summary>
            [McpTool]
            public static async Task<string> Slow(IProgress<McpProgress> progress, McpRequestContext context, CancellationToken cancellationToken)
            {
                for (int i = 1; i <= 3; i++)
                {
                    progress.Report(new McpProgress(i, 3));
                    await Task.Delay(1, cancellationToken);
                }
                return context.Method;
            }

            /// <summary>Returns nothing.</summary>
            [McpTool]
            public static void Nothing() { }

            /// <summary>Returns content blocks.</summary>
            [McpTool]
            public static IEnumerable<ContentBlock> Blocks() => new ContentBlock[] { new TextContentBlock("one"), ImageContentBlock.FromBytes(new byte[] { 1, 2 }, "image/png") };

            /// <summary>Returns a full result.</summary>
            [McpTool]
            public static CallToolResult Full() => CallToolResult.FromError("custom failure");

            /// <summary>Throws.</summary>
            [McpTool]
            public static ValueTask<int> Fails() => throw new InvalidOperationException("it failed");

            /// <summary>Returns a list (as JSON text).</summary>
            [McpTool]
            public static List<int> Numbers(int count) { var l = new List<int>(); for (int i = 0; i < count; i++) l.Add(i); return l; }

            /// <summary>Returns a date.</summary>
            [McpTool]
            public static DateOnly Today() => new(2025, 11, 25);

            /// <summary>A described parameter.</summary>
            [McpTool("custom.name-1")]
            public static string Renamed([Description("Described by attribute.")] string value) => value;
        }

        /// <summary>Instance tools built from DI.</summary>
        public sealed class ClockTools(IClock clock) : IDisposable
        {
            public static int Disposed;

            /// <summary>The time.</summary>
            [McpTool]
            public string Now() => clock.Now.ToString("O");

            public void Dispose() => Disposed++;
        }

        public static class Prompts
        {
            /// <summary>A greeting.</summary>
            /// <param name="name">Who to greet.</param>
            [McpPrompt(Title = "Greeting")]
            public static string Greet(string name, int times = 1, OrderStatus status = OrderStatus.Pending)
                => string.Concat(System.Linq.Enumerable.Repeat("Hello " + name + "! ", times)) + status;

            /// <summary>Messages.</summary>
            [McpPrompt]
            public static IEnumerable<PromptMessage> Conversation([AllowedValues("short", "long")] string style)
                => new[] { PromptMessage.User("style: " + style), PromptMessage.Assistant("ok") };

            /// <summary>A full result.</summary>
            [McpPrompt]
            public static Task<GetPromptResult> Full(bool loud) => Task.FromResult(new GetPromptResult { Description = "full", Messages = new[] { PromptMessage.User(loud ? "HEY" : "hey") } });
        }

        public static class Resources
        {
            /// <summary>A readme.</summary>
            [McpResource("docs://readme", MimeType = "text/markdown", Title = "Readme")]
            public static string Readme() => "# Readme";

            /// <summary>Bytes.</summary>
            [McpResource("docs://logo", MimeType = "image/png")]
            public static byte[] Logo() => new byte[] { 137, 80, 78, 71 };

            /// <summary>An order by id.</summary>
            [McpResource("orders://{id}/lines/{line}", MimeType = "application/json")]
            public static string OrderLine(int id, OrderStatus line) => $"order {id} line {line}";

            /// <summary>Contents.</summary>
            [McpResource("files://{+path}")]
            public static ValueTask<ResourceContents> File(string path) => new(new TextResourceContents { Uri = "files://" + path, Text = "file " + path });
        }
        """;
}
