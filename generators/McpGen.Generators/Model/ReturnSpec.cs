namespace McpGen.Generators.Model;

/// <summary>What an annotated method returns, once unwrapped from Task/ValueTask.</summary>
internal enum ReturnKind
{
    Void,
    String,
    JsonValue,            // a modelled non-object value: its JSON as text
    Structured,           // an object shape: structuredContent + outputSchema
    ContentBlock,
    ContentBlocks,
    CallToolResult,
    PromptMessage,
    PromptMessages,
    GetPromptResult,
    Bytes,                // resources: byte[]
    Memory,               // resources: ReadOnlyMemory<byte>
    ResourceContents,
    ResourceContentsList,
    ReadResourceResult,
}

/// <summary>How a method's result is awaited.</summary>
internal enum AsyncKind
{
    None,
    Task,
    ValueTask,
}

/// <summary>The return of an annotated method.</summary>
internal sealed record ReturnSpec(ReturnKind Kind, AsyncKind Async, string? TypeId, string TypeName, bool IsNullable = false);
