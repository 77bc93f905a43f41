using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>
/// The source-generated serialization context for the MCP protocol model: camelCase names, optional members
/// omitted (never written as <c>null</c>, which peer clients reject), no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitializeRequestParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(CallToolResult))]
[JsonSerializable(typeof(GetPromptResult))]
[JsonSerializable(typeof(ReadResourceResult))]
[JsonSerializable(typeof(CreateMessageRequestParams))]
[JsonSerializable(typeof(CreateMessageResult))]
[JsonSerializable(typeof(ElicitRequestParams))]
[JsonSerializable(typeof(ElicitResult))]
[JsonSerializable(typeof(ListRootsResult))]
[JsonSerializable(typeof(CompleteResult))]
[JsonSerializable(typeof(ProgressNotificationParams))]
[JsonSerializable(typeof(LoggingMessageNotificationParams))]
[JsonSerializable(typeof(CancelledNotificationParams))]
[JsonSerializable(typeof(ResourceUpdatedNotificationParams))]
[JsonSerializable(typeof(ElicitationCompleteNotificationParams))]
[JsonSerializable(typeof(ContentBlock))]
[JsonSerializable(typeof(TextContentBlock))]
[JsonSerializable(typeof(ImageContentBlock))]
[JsonSerializable(typeof(AudioContentBlock))]
[JsonSerializable(typeof(ResourceLinkBlock))]
[JsonSerializable(typeof(EmbeddedResourceBlock))]
[JsonSerializable(typeof(ToolUseContentBlock))]
[JsonSerializable(typeof(ToolResultContentBlock))]
[JsonSerializable(typeof(IReadOnlyList<ContentBlock>))]
[JsonSerializable(typeof(PromptMessage))]
[JsonSerializable(typeof(IReadOnlyList<PromptMessage>))]
[JsonSerializable(typeof(ResourceContents))]
[JsonSerializable(typeof(Tool))]
[JsonSerializable(typeof(ToolAnnotations))]
[JsonSerializable(typeof(Annotations))]
[JsonSerializable(typeof(Icon))]
[JsonSerializable(typeof(IReadOnlyList<Icon>))]
[JsonSerializable(typeof(PromptArgument))]
[JsonSerializable(typeof(Implementation))]
[JsonSerializable(typeof(ServerCapabilities))]
[JsonSerializable(typeof(ClientCapabilities))]
[JsonSerializable(typeof(EmptyObject))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
public sealed partial class McpJsonContext : JsonSerializerContext;
