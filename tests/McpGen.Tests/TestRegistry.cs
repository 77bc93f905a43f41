using System.Collections.Concurrent;
using System.Text.Json;
using McpGen.Protocol;

namespace McpGen.Tests;

/// <summary>Hand-written primitives that exercise the runtime (the generator is tested in its own project).</summary>
internal sealed class TestRegistry
{
    private const string Empty = """{"type":"object","properties":{}}""";

    /// <summary>Completed by tests to release the <c>wait</c> tool.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the <c>hang</c> tool observes cancellation.</summary>
    public TaskCompletionSource HangCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Events { get; } = new();

    public McpRegistry Build() => new McpRegistryBuilder()
        .Add(McpTool.Create("echo", """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""",
            static (_, a) => new(CallToolResult.FromText(a.GetProperty("text").GetString()!)), description: "Echoes text."))
        .Add(McpTool.Create("add", """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}""",
            static (_, a) => new(CallToolResult.FromText((a.GetProperty("a").GetInt32() + a.GetProperty("b").GetInt32()).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            description: "Adds two integers."))
        .Add(McpTool.Create("throw", Empty, static (_, _) => throw new InvalidOperationException("boom: the tool failed"), description: "Throws synchronously."))
        .Add(McpTool.Create("throw_async", Empty, static async (_, _) => { await Task.Yield(); throw new InvalidOperationException("async boom"); }, description: "Throws after yielding."))
        .Add(McpTool.Create("protocol_error", Empty, static (_, _) => throw new McpException(-32099, "custom protocol error"), description: "Throws McpException."))
        .Add(McpTool.Create("bad_args", Empty, static (_, _) => throw new McpInvalidParamsException("Argument 'x' must be positive.", "x"), description: "Rejects its arguments."))
        .Add(McpTool.Create("hang", Empty, async (ctx, _) =>
        {
            try { await Task.Delay(Timeout.Infinite, ctx.CancellationToken); }
            catch (OperationCanceledException) { HangCancelled.TrySetResult(); throw; }
            return CallToolResult.FromText("unreachable");
        }, description: "Waits until cancelled."))
        .Add(McpTool.Create("wait", Empty, async (ctx, _) =>
        {
            await Gate.Task.WaitAsync(ctx.CancellationToken);
            return CallToolResult.FromText("released");
        }, description: "Waits until the test opens the gate."))
        .Add(McpTool.Create("slow", """{"type":"object","properties":{"ms":{"type":"integer"}}}""", static async (ctx, a) =>
        {
            await Task.Delay(a.GetProperty("ms").GetInt32(), ctx.CancellationToken);
            return CallToolResult.FromText("done");
        }, description: "Sleeps."))
        .Add(McpTool.Create("progress", Empty, static async (ctx, _) =>
        {
            for (int i = 1; i <= 3; i++) await ctx.ReportProgressAsync(i, 3, $"step {i}");
            ctx.Progress.Report(new McpProgress(4, 4, "queued"));
            return CallToolResult.FromText("progressed");
        }, description: "Reports progress."))
        .Add(McpTool.Create("log", Empty, static async (ctx, _) =>
        {
            foreach (LoggingLevel level in Enum.GetValues<LoggingLevel>()) await ctx.LogAsync(level, "at " + level.ToWireName(), "test");
            return CallToolResult.FromText("logged");
        }, description: "Logs at every level."))
        .Add(McpTool.Create("sample", Empty, static async (ctx, _) =>
        {
            var result = await ctx.SampleAsync(new CreateMessageRequestParams { Messages = [SamplingMessage.User("hi")], MaxTokens = 10 });
            return CallToolResult.FromText("model said: " + ((TextContentBlock)result.Content[0]).Text + " (" + result.Model + ")");
        }, description: "Samples the client's model."))
        .Add(McpTool.Create("elicit", Empty, static async (ctx, _) =>
        {
            var result = await ctx.ElicitAsync(ElicitRequestParams.Form("Name?", new ElicitationSchema
            {
                Properties = new Dictionary<string, PrimitiveSchemaDefinition> { ["name"] = new StringSchema { Description = "Your name" } },
                Required = ["name"],
            }));
            return CallToolResult.FromText(result.Action + ":" + (result.Content?["name"].GetString() ?? "-"));
        }, description: "Elicits a name."))
        .Add(McpTool.Create("elicit_choices", Empty, static async (ctx, _) =>
        {
            var result = await ctx.ElicitAsync(ElicitRequestParams.Form("Pick", new ElicitationSchema
            {
                Properties = new Dictionary<string, PrimitiveSchemaDefinition>
                {
                    ["colors"] = new UntitledMultiSelectEnumSchema { MinItems = 1, Items = new UntitledEnumItems { Enum = ["red", "green"] } },
                    ["count"] = new NumberSchema(integer: true) { Minimum = 1, Maximum = 10 },
                },
                Required = ["colors"],
            }));
            return CallToolResult.FromText(result.Action + ":" + result.Content?["colors"].GetArrayLength());
        }, description: "Elicits constrained choices."))
        .Add(McpTool.Create("close_stream", Empty, static (ctx, _) =>
            new(CallToolResult.FromText("closed:" + ctx.CloseResponseStream())), description: "Closes its response stream if it can be resumed."))
        .Add(McpTool.Create("elicit_url", Empty, static async (ctx, _) =>
        {
            var result = await ctx.ElicitAsync(ElicitRequestParams.ForUrl("Please sign in", "elicit-1", "https://example.com/login"));
            await ctx.Session!.NotifyElicitationCompleteAsync("elicit-1");
            return CallToolResult.FromText(result.Action.ToString());
        }, description: "Elicits through a URL."))
        .Add(McpTool.Create("sample_with_tools", Empty, static async (ctx, _) =>
        {
            var result = await ctx.SampleAsync(new CreateMessageRequestParams
            {
                Messages = [SamplingMessage.User("weather in Paris?")],
                MaxTokens = 50,
                Tools = [new Tool { Name = "get_weather", Description = "Gets weather.", InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement.Clone() }],
                ToolChoice = new ToolChoice { Mode = "auto" },
            });
            var use = (ToolUseContentBlock)result.Content[0];
            return CallToolResult.FromText($"{result.StopReason}:{use.Name}:{use.Input.GetProperty("city").GetString()}");
        }, description: "Samples with tools."))
        .Add(McpTool.Create("add_tool", """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""", static (ctx, a) =>
        {
            string name = a.GetProperty("name").GetString()!;
            ctx.Server.Tools.Add(McpTool.Create(name, Empty, static (_, _) => new(CallToolResult.FromText("dynamic")), description: "Added at run time."));
            return new(CallToolResult.FromText("added " + name));
        }, description: "Adds a tool at run time."))
        .Add(McpTool.Create("touch", """{"type":"object","properties":{"uri":{"type":"string"}},"required":["uri"]}""", static async (ctx, a) =>
        {
            await ctx.Server.NotifyResourceUpdatedAsync(a.GetProperty("uri").GetString()!);
            return CallToolResult.FromText("touched");
        }, description: "Reports a resource change."))
        .Add(McpTool.Create("roots", Empty, static async (ctx, _) =>
        {
            var result = await ctx.ListRootsAsync();
            return CallToolResult.FromText(string.Join(",", result.Roots.Select(r => r.Uri)));
        }, description: "Lists the client's roots."))
        .Add(McpTool.Create("console", Empty, static (_, _) =>
        {
            Console.WriteLine("this goes to stderr, not to the protocol stream");
            return new(CallToolResult.FromText("wrote to console"));
        }, description: "Writes to Console.Out."))
        .Add(McpTool.Create("structured", Empty, static (_, _) => new(new CallToolResult
        {
            Content = [new TextContentBlock("""{"value":42}""")],
            StructuredContent = JsonDocument.Parse("""{"value":42}""").RootElement.Clone(),
        }), description: "Returns structured content.", outputSchema: """{"type":"object","properties":{"value":{"type":"integer"}},"required":["value"]}"""))
        .Add(McpPrompt.Create("greeting", static (_, a) => new(new GetPromptResult { Messages = [PromptMessage.User("Hello " + a["name"])] }),
            description: "Greets.", arguments: [new() { Name = "name", Description = "Who", Required = true }]))
        .Add(McpPrompt.Create("broken", static (_, _) => throw new InvalidOperationException("prompt failed"), description: "Fails."))
        .Add(new ColorPrompt())
        .Add(McpResource.Create("test://hello", "hello", static (_, uri) => new(new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = "text/plain", Text = "hello" }] }),
            description: "A greeting.", mimeType: "text/plain"))
        .Add(McpResourceTemplate.Create("test://items/{id}", "item", static (_, uri, v) => new(new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, Text = "item " + v["id"] }] }),
            description: "An item."))
        .Build();

    /// <summary>A prompt with argument completion.</summary>
    private sealed class ColorPrompt : McpPrompt
    {
        private static readonly string[] Colors = ["red", "green", "blue", "black"];

        public ColorPrompt() : base("color")
        {
            Description = "Picks a color.";
            Arguments = [new() { Name = "color", Required = true }];
        }

        public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result)
        {
            JsonSerializer.Serialize(result, new GetPromptResult { Messages = [PromptMessage.User("color")] }, McpJsonContext.Default.GetPromptResult);
            return default;
        }

        public override ValueTask<Completion> CompleteAsync(McpRequestContext context, string argumentName, string value, IReadOnlyDictionary<string, string>? otherArguments) =>
            new(Completion.FromCandidates(Colors, value));
    }
}
