using System.Text.Json;
using McpGen;
using McpGen.Protocol;

namespace Everything;

/// <summary>
/// The tools, resources and prompts of the conformance suite's reference server, registered by hand.
/// Names, descriptions and payloads are exact: the official conformance suite checks them.
/// </summary>
internal static class EverythingRegistry
{
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    public const string Wav = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";
    private const string EmptySchema = """{"type":"object","properties":{}}""";

    public static McpRegistry Create() => new McpRegistryBuilder()
        .Add(McpTool.Create("test_simple_text", EmptySchema, static (_, _) => Text("This is a simple text response for testing."),
            description: "Tests simple text content response"))
        .Add(McpTool.Create("test_image_content", EmptySchema, static (_, _) => Result(new ImageContentBlock { Data = Png, MimeType = "image/png" }),
            description: "Tests image content response"))
        .Add(McpTool.Create("test_audio_content", EmptySchema, static (_, _) => Result(new AudioContentBlock { Data = Wav, MimeType = "audio/wav" }),
            description: "Tests audio content response"))
        .Add(McpTool.Create("test_embedded_resource", EmptySchema, static (_, _) => Result(new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
        }), description: "Tests embedded resource content response"))
        .Add(McpTool.Create("test_multiple_content_types", EmptySchema, static (_, _) => Result(
            new TextContentBlock("Multiple content types test:"),
            new ImageContentBlock { Data = Png, MimeType = "image/png" },
            new EmbeddedResourceBlock
            {
                Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" },
            }), description: "Tests response with multiple content types (text, image, resource)"))
        .Add(McpTool.Create("test_tool_with_logging", EmptySchema, ToolWithLogging,
            description: "Tests tool that emits log messages during execution"))
        .Add(McpTool.Create("test_tool_with_progress", EmptySchema, ToolWithProgress,
            description: "Tests tool that reports progress notifications"))
        .Add(McpTool.Create("test_error_handling", EmptySchema, static (_, _) => new(CallToolResult.FromError("This tool intentionally returns an error for testing")),
            description: "Tests error response handling"))
        .Add(McpTool.Create("test_sampling",
            """{"type":"object","properties":{"prompt":{"type":"string","description":"The prompt to send to the LLM"}},"required":["prompt"]}""",
            Sampling, description: "Tests server-initiated sampling (LLM completion request)"))
        .Add(McpTool.Create("test_elicitation",
            """{"type":"object","properties":{"message":{"type":"string","description":"The message to show the user"}},"required":["message"]}""",
            Elicitation, description: "Tests server-initiated elicitation (user input request)"))
        .Add(McpTool.Create("test_elicitation_sep1034_defaults", EmptySchema, ElicitationDefaults,
            description: "Tests elicitation with default values per SEP-1034"))
        .Add(McpTool.Create("test_elicitation_sep1330_enums", EmptySchema, ElicitationEnums,
            description: "Tests elicitation with enum schema improvements per SEP-1330"))
        .Add(McpTool.Create("json_schema_2020_12_tool",
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},"properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},"additionalProperties":false}""",
            static (_, args) => Text("JSON Schema 2020-12 tool called with: " + args.GetRawText()),
            description: "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)"))
        .Add(McpTool.Create("test_reconnection", EmptySchema, Reconnection,
            description: "Tests SSE stream disconnection and client reconnection (SEP-1699). Server will close the stream mid-call and send the result after client reconnects."))
        .Add(McpResource.Create("test://static-text", "static-text",
            static (_, uri) => new(new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = "text/plain", Text = "This is the content of the static text resource." }] }),
            description: "A static text resource for testing", mimeType: "text/plain", title: "Static Text Resource"))
        .Add(McpResource.Create("test://static-binary", "static-binary",
            static (_, uri) => new(new ReadResourceResult { Contents = [new BlobResourceContents { Uri = uri, MimeType = "image/png", Blob = Png }] }),
            description: "A static binary resource (image) for testing", mimeType: "image/png", title: "Static Binary Resource"))
        .Add(McpResource.Create("test://watched-resource", "watched-resource",
            static (_, uri) => new(new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = "text/plain", Text = "Watched resource content" }] }),
            description: "A resource that auto-updates every 3 seconds", mimeType: "text/plain", title: "Watched Resource"))
        .Add(McpResourceTemplate.Create("test://template/{id}/data", "template",
            static (_, uri, vars) => new(new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = "application/json", Text = $$"""{"id":"{{vars["id"]}}","templateTest":true,"data":"Data for ID: {{vars["id"]}}"}""" }],
            }),
            description: "A resource template with parameter substitution", mimeType: "application/json", title: "Resource Template"))
        .Add(McpPrompt.Create("test_simple_prompt",
            static (_, _) => new(new GetPromptResult { Messages = [PromptMessage.User("This is a simple prompt for testing.")] }),
            description: "A simple prompt without arguments", title: "Simple Prompt"))
        .Add(McpPrompt.Create("test_prompt_with_arguments",
            static (_, args) => new(new GetPromptResult { Messages = [PromptMessage.User($"Prompt with arguments: arg1='{args["arg1"]}', arg2='{args["arg2"]}'")] }),
            description: "A prompt with required arguments", title: "Prompt With Arguments",
            arguments: [new() { Name = "arg1", Description = "First test argument", Required = true }, new() { Name = "arg2", Description = "Second test argument", Required = true }]))
        .Add(McpPrompt.Create("test_prompt_with_embedded_resource",
            static (_, args) => new(new GetPromptResult
            {
                Messages =
                [
                    new() { Role = Role.User, Content = new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = args["resourceUri"], MimeType = "text/plain", Text = "Embedded resource content for testing." } } },
                    PromptMessage.User("Please process the embedded resource above."),
                ],
            }),
            description: "A prompt that includes an embedded resource", title: "Prompt With Embedded Resource",
            arguments: [new() { Name = "resourceUri", Description = "URI of the resource to embed", Required = true }]))
        .Add(McpPrompt.Create("test_prompt_with_image",
            static (_, _) => new(new GetPromptResult
            {
                Messages =
                [
                    new() { Role = Role.User, Content = new ImageContentBlock { Data = Png, MimeType = "image/png" } },
                    PromptMessage.User("Please analyze the image above."),
                ],
            }),
            description: "A prompt that includes image content", title: "Prompt With Image"))
        .Build();

    private static ValueTask<CallToolResult> Text(string text) => new(CallToolResult.FromText(text));

    private static ValueTask<CallToolResult> Result(params ContentBlock[] content) => new(new CallToolResult { Content = content });

    private static async ValueTask<CallToolResult> ToolWithLogging(McpRequestContext context, JsonElement _)
    {
        await context.LogAsync(LoggingLevel.Info, "Tool execution started");
        await Task.Delay(50, context.CancellationToken);
        await context.LogAsync(LoggingLevel.Info, "Tool processing data");
        await Task.Delay(50, context.CancellationToken);
        await context.LogAsync(LoggingLevel.Info, "Tool execution completed");
        return CallToolResult.FromText("Tool with logging executed successfully");
    }

    private static async ValueTask<CallToolResult> ToolWithProgress(McpRequestContext context, JsonElement _)
    {
        for (int step = 0; step <= 2; step++)
        {
            if (step > 0) await Task.Delay(50, context.CancellationToken);
            double progress = step * 50;
            await context.ReportProgressAsync(progress, 100, $"Completed step {progress} of 100");
        }
        return CallToolResult.FromText(context.ProgressToken.IsEmpty ? "no progress token" : context.ProgressToken.Value.Value!);
    }

    private static async ValueTask<CallToolResult> Sampling(McpRequestContext context, JsonElement args)
    {
        string prompt = args.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        var result = await context.SampleAsync(new CreateMessageRequestParams { Messages = [SamplingMessage.User(prompt)], MaxTokens = 100 });
        string text = result.Content.Count > 0 && result.Content[0] is TextContentBlock t ? t.Text : "";
        return CallToolResult.FromText("LLM response: " + text);
    }

    private static async ValueTask<CallToolResult> Elicitation(McpRequestContext context, JsonElement args)
    {
        string message = args.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var result = await context.ElicitAsync(ElicitRequestParams.Form(message, new ElicitationSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition>
            {
                ["username"] = new StringSchema { Description = "User's response" },
                ["email"] = new StringSchema { Description = "User's email address" },
            },
            Required = ["username", "email"],
        }));
        return CallToolResult.FromText($"User response: action={Action(result.Action)}, content={ContentJson(result)}");
    }

    private static async ValueTask<CallToolResult> ElicitationDefaults(McpRequestContext context, JsonElement _)
    {
        var result = await context.ElicitAsync(ElicitRequestParams.Form("Please review and update the form fields with defaults", new ElicitationSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition>
            {
                ["name"] = new StringSchema { Description = "User name", Default = "John Doe" },
                ["age"] = new NumberSchema(integer: true) { Description = "User age", Default = 30 },
                ["score"] = new NumberSchema { Description = "User score", Default = 95.5 },
                ["status"] = new UntitledSingleSelectEnumSchema { Description = "User status", Enum = ["active", "inactive", "pending"], Default = "active" },
                ["verified"] = new BooleanSchema { Description = "Verification status", Default = true },
            },
            Required = [],
        }));
        return CallToolResult.FromText($"Elicitation completed: action={Action(result.Action)}, content={ContentJson(result)}");
    }

    private static async ValueTask<CallToolResult> ElicitationEnums(McpRequestContext context, JsonElement _)
    {
        var result = await context.ElicitAsync(ElicitRequestParams.Form("Please select options from the enum fields", new ElicitationSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition>
            {
                ["untitledSingle"] = new UntitledSingleSelectEnumSchema { Description = "Select one option", Enum = ["option1", "option2", "option3"] },
                ["titledSingle"] = new TitledSingleSelectEnumSchema
                {
                    Description = "Select one option with titles",
                    OneOf = [new() { Const = "value1", Title = "First Option" }, new() { Const = "value2", Title = "Second Option" }, new() { Const = "value3", Title = "Third Option" }],
                },
                ["legacyEnum"] = new LegacyTitledEnumSchema
                {
                    Description = "Select one option (legacy)", Enum = ["opt1", "opt2", "opt3"], EnumNames = ["Option One", "Option Two", "Option Three"],
                },
                ["untitledMulti"] = new UntitledMultiSelectEnumSchema
                {
                    Description = "Select multiple options", MinItems = 1, MaxItems = 3, Items = new() { Enum = ["option1", "option2", "option3"] },
                },
                ["titledMulti"] = new TitledMultiSelectEnumSchema
                {
                    Description = "Select multiple options with titles", MinItems = 1, MaxItems = 3,
                    Items = new() { AnyOf = [new() { Const = "value1", Title = "First Choice" }, new() { Const = "value2", Title = "Second Choice" }, new() { Const = "value3", Title = "Third Choice" }] },
                },
            },
            Required = [],
        }));
        return CallToolResult.FromText($"Elicitation completed: action={Action(result.Action)}, content={ContentJson(result)}");
    }

    private static async ValueTask<CallToolResult> Reconnection(McpRequestContext context, JsonElement _)
    {
        context.CloseResponseStream(); // over HTTP the client resumes with Last-Event-ID and gets the result there
        await Task.Delay(100, context.CancellationToken);
        return CallToolResult.FromText("Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.");
    }

    private static string Action(ElicitAction action) => action switch
    {
        ElicitAction.Accept => "accept",
        ElicitAction.Decline => "decline",
        _ => "cancel",
    };

    private static string ContentJson(ElicitResult result)
    {
        if (result.Content is null) return "{}";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in result.Content)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
