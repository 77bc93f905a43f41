using McpGen;
using McpGen.Protocol;

namespace Everything;

/// <summary>The prompts of the conformance suite's reference server.</summary>
public static class Prompts
{
    /// <summary>A simple prompt without arguments</summary>
    [McpPrompt(Title = "Simple Prompt")]
    public static string TestSimplePrompt() => "This is a simple prompt for testing.";

    /// <summary>A prompt with required arguments</summary>
    /// <param name="arg1">First test argument</param>
    /// <param name="arg2">Second test argument</param>
    [McpPrompt(Title = "Prompt With Arguments")]
    public static string TestPromptWithArguments(string arg1, string arg2) => $"Prompt with arguments: arg1='{arg1}', arg2='{arg2}'";

    /// <summary>A prompt that includes an embedded resource</summary>
    /// <param name="resourceUri">URI of the resource to embed</param>
    [McpPrompt(Title = "Prompt With Embedded Resource")]
    public static PromptMessage[] TestPromptWithEmbeddedResource(string resourceUri) =>
    [
        new() { Role = Role.User, Content = new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = resourceUri, MimeType = "text/plain", Text = "Embedded resource content for testing." } } },
        PromptMessage.User("Please process the embedded resource above."),
    ];

    /// <summary>A prompt that includes image content</summary>
    [McpPrompt(Title = "Prompt With Image")]
    public static PromptMessage[] TestPromptWithImage() =>
    [
        new() { Role = Role.User, Content = new ImageContentBlock { Data = Media.Png, MimeType = "image/png" } },
        PromptMessage.User("Please analyze the image above."),
    ];
}
