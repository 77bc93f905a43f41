using McpGen;
using McpGen.Protocol;

namespace Everything;

/// <summary>The tools of the conformance suite's reference server. Names, descriptions and payloads are exact.</summary>
public static class Tools
{
    /// <summary>Tests simple text content response</summary>
    [McpTool]
    public static string TestSimpleText() => "This is a simple text response for testing.";

    /// <summary>Tests image content response</summary>
    [McpTool]
    public static ImageContentBlock TestImageContent() => new() { Data = Media.Png, MimeType = "image/png" };

    /// <summary>Tests audio content response</summary>
    [McpTool]
    public static AudioContentBlock TestAudioContent() => new() { Data = Media.Wav, MimeType = "audio/wav" };

    /// <summary>Tests embedded resource content response</summary>
    [McpTool]
    public static EmbeddedResourceBlock TestEmbeddedResource() => new()
    {
        Resource = new TextResourceContents { Uri = "test://embedded-resource", MimeType = "text/plain", Text = "This is an embedded resource content." },
    };

    /// <summary>Tests response with multiple content types (text, image, resource)</summary>
    [McpTool]
    public static ContentBlock[] TestMultipleContentTypes() =>
    [
        new TextContentBlock("Multiple content types test:"),
        new ImageContentBlock { Data = Media.Png, MimeType = "image/png" },
        new EmbeddedResourceBlock
        {
            Resource = new TextResourceContents { Uri = "test://mixed-content-resource", MimeType = "application/json", Text = """{"test":"data","value":123}""" },
        },
    ];

    /// <summary>Tests tool that emits log messages during execution</summary>
    [McpTool]
    public static async Task<string> TestToolWithLogging(McpRequestContext context, CancellationToken cancellationToken)
    {
        await context.LogAsync(LoggingLevel.Info, "Tool execution started");
        await Task.Delay(50, cancellationToken);
        await context.LogAsync(LoggingLevel.Info, "Tool processing data");
        await Task.Delay(50, cancellationToken);
        await context.LogAsync(LoggingLevel.Info, "Tool execution completed");
        return "Tool with logging executed successfully";
    }

    /// <summary>Tests tool that reports progress notifications</summary>
    [McpTool]
    public static async Task<string> TestToolWithProgress(McpRequestContext context, CancellationToken cancellationToken)
    {
        for (int step = 0; step <= 2; step++)
        {
            if (step > 0) await Task.Delay(50, cancellationToken);
            double progress = step * 50;
            await context.ReportProgressAsync(progress, 100, $"Completed step {progress} of 100");
        }
        return context.ProgressToken.IsEmpty ? "no progress token" : context.ProgressToken.Value.Value!;
    }

    /// <summary>Tests error response handling</summary>
    [McpTool]
    public static CallToolResult TestErrorHandling() => CallToolResult.FromError("This tool intentionally returns an error for testing");

    /// <summary>Tests server-initiated sampling (LLM completion request)</summary>
    /// <param name="prompt">The prompt to send to the LLM</param>
    [McpTool]
    public static async Task<string> TestSampling(string prompt, McpRequestContext context, CancellationToken cancellationToken)
    {
        var result = await context.SampleAsync(new CreateMessageRequestParams { Messages = [SamplingMessage.User(prompt)], MaxTokens = 100 }, cancellationToken);
        string text = result.Content.Count > 0 && result.Content[0] is TextContentBlock t ? t.Text : "";
        return "LLM response: " + text;
    }

    /// <summary>Tests server-initiated elicitation (user input request)</summary>
    /// <param name="message">The message to show the user</param>
    [McpTool]
    public static async Task<string> TestElicitation(string message, McpRequestContext context, CancellationToken cancellationToken)
    {
        var result = await context.ElicitAsync(ElicitRequestParams.Form(message, new ElicitationSchema
        {
            Properties = new Dictionary<string, PrimitiveSchemaDefinition>
            {
                ["username"] = new StringSchema { Description = "User's response" },
                ["email"] = new StringSchema { Description = "User's email address" },
            },
            Required = ["username", "email"],
        }), cancellationToken);
        return $"User response: action={Elicited.Action(result)}, content={Elicited.ContentJson(result)}";
    }

    /// <summary>Tests elicitation with default values per SEP-1034</summary>
    [McpTool("test_elicitation_sep1034_defaults")]
    public static async Task<string> TestElicitationDefaults(McpRequestContext context, CancellationToken cancellationToken)
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
        }), cancellationToken);
        return $"Elicitation completed: action={Elicited.Action(result)}, content={Elicited.ContentJson(result)}";
    }

    /// <summary>Tests elicitation with enum schema improvements per SEP-1330</summary>
    [McpTool("test_elicitation_sep1330_enums")]
    public static async Task<string> TestElicitationEnums(McpRequestContext context, CancellationToken cancellationToken)
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
        }), cancellationToken);
        return $"Elicitation completed: action={Elicited.Action(result)}, content={Elicited.ContentJson(result)}";
    }

    /// <summary>Tests SSE stream disconnection and client reconnection (SEP-1699). Server will close the stream mid-call and send the result after client reconnects.</summary>
    [McpTool]
    public static async Task<string> TestReconnection(McpRequestContext context, CancellationToken cancellationToken)
    {
        context.CloseResponseStream(); // over HTTP the client resumes with Last-Event-ID and gets the result there
        await Task.Delay(100, cancellationToken);
        return "Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.";
    }
}
