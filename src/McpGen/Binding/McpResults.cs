using System.ComponentModel;
using System.Text.Json;
using McpGen.Protocol;

namespace McpGen.Binding;

/// <summary>Writers for generated invokers: each writes one complete result object (tool, prompt or resource).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpResults
{
    /// <summary><c>{"content":[]}</c>: a tool that returns nothing.</summary>
    public static void WriteEmpty(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("content"u8);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A tool result with one text block.</summary>
    public static void WriteText(Utf8JsonWriter w, string? text)
    {
        w.WriteStartObject();
        w.WriteStartArray("content"u8);
        WriteTextBlock(w, text ?? "");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A tool result with one text block holding the UTF-8 text of a JSON value (a number, a date…); strings are written unquoted.</summary>
    public static void WriteJsonValueAsText(Utf8JsonWriter w, ReadOnlySpan<byte> utf8Json)
    {
        w.WriteStartObject();
        w.WriteStartArray("content"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        if (utf8Json.Length >= 2 && utf8Json[0] == (byte)'"')
        {
            var reader = new Utf8JsonReader(utf8Json);
            reader.Read();
            w.WriteString("text"u8, reader.GetString());
        }
        else
        {
            w.WriteString("text"u8, utf8Json);
        }
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// A structured tool result: <c>structuredContent</c> is the object, and a text block carries the same JSON for
    /// clients that ignore structured output.
    /// </summary>
    public static void WriteStructured(Utf8JsonWriter w, ReadOnlySpan<byte> utf8Object)
    {
        w.WriteStartObject();
        w.WriteStartArray("content"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        w.WriteString("text"u8, utf8Object);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WritePropertyName("structuredContent"u8);
        w.WriteRawValue(utf8Object, skipInputValidation: true);
        w.WriteEndObject();
    }

    /// <summary>A tool result with one content block.</summary>
    public static void WriteContent(Utf8JsonWriter w, ContentBlock? block)
    {
        w.WriteStartObject();
        w.WriteStartArray("content"u8);
        if (block is not null) JsonSerializer.Serialize(w, block, McpJsonContext.Default.ContentBlock);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A tool result with several content blocks.</summary>
    public static void WriteContents(Utf8JsonWriter w, IEnumerable<ContentBlock>? blocks)
    {
        w.WriteStartObject();
        w.WriteStartArray("content"u8);
        if (blocks is not null)
        {
            foreach (var block in blocks) JsonSerializer.Serialize(w, block, McpJsonContext.Default.ContentBlock);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A complete tool result as the handler built it.</summary>
    public static void WriteCallToolResult(Utf8JsonWriter w, CallToolResult? result) =>
        JsonSerializer.Serialize(w, result ?? new CallToolResult(), McpJsonContext.Default.CallToolResult);

    /// <summary>A prompt result with one user message of text.</summary>
    public static void WritePromptText(Utf8JsonWriter w, string? text, string? description)
    {
        w.WriteStartObject();
        if (description is not null) w.WriteString("description"u8, description);
        w.WriteStartArray("messages"u8);
        w.WriteStartObject();
        w.WriteString("role"u8, "user"u8);
        w.WritePropertyName("content"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        w.WriteString("text"u8, text ?? "");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A prompt result with the given messages.</summary>
    public static void WritePromptMessages(Utf8JsonWriter w, IEnumerable<PromptMessage>? messages, string? description)
    {
        w.WriteStartObject();
        if (description is not null) w.WriteString("description"u8, description);
        w.WriteStartArray("messages"u8);
        if (messages is not null)
        {
            foreach (var message in messages) JsonSerializer.Serialize(w, message, McpJsonContext.Default.PromptMessage);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A prompt result with one message.</summary>
    public static void WritePromptMessage(Utf8JsonWriter w, PromptMessage? message, string? description) =>
        WritePromptMessages(w, message is null ? [] : [message], description);

    /// <summary>A complete prompt result as the handler built it.</summary>
    public static void WriteGetPromptResult(Utf8JsonWriter w, GetPromptResult? result) =>
        JsonSerializer.Serialize(w, result ?? new GetPromptResult { Messages = [] }, McpJsonContext.Default.GetPromptResult);

    /// <summary>A resource read result with text contents.</summary>
    public static void WriteResourceText(Utf8JsonWriter w, string uri, string? mimeType, string? text)
    {
        w.WriteStartObject();
        w.WriteStartArray("contents"u8);
        w.WriteStartObject();
        w.WriteString("uri"u8, uri);
        if (mimeType is not null) w.WriteString("mimeType"u8, mimeType);
        w.WriteString("text"u8, text ?? "");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A resource read result with binary contents (base64 on the wire).</summary>
    public static void WriteResourceBlob(Utf8JsonWriter w, string uri, string? mimeType, ReadOnlySpan<byte> bytes)
    {
        w.WriteStartObject();
        w.WriteStartArray("contents"u8);
        w.WriteStartObject();
        w.WriteString("uri"u8, uri);
        if (mimeType is not null) w.WriteString("mimeType"u8, mimeType);
        w.WriteBase64String("blob"u8, bytes);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A resource read result with the given contents.</summary>
    public static void WriteResourceContents(Utf8JsonWriter w, IEnumerable<ResourceContents>? contents)
    {
        w.WriteStartObject();
        w.WriteStartArray("contents"u8);
        if (contents is not null)
        {
            foreach (var c in contents) JsonSerializer.Serialize(w, c, McpJsonContext.Default.ResourceContents);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A complete resource read result as the handler built it.</summary>
    public static void WriteReadResourceResult(Utf8JsonWriter w, ReadResourceResult? result) =>
        JsonSerializer.Serialize(w, result ?? new ReadResourceResult { Contents = [] }, McpJsonContext.Default.ReadResourceResult);

    private static void WriteTextBlock(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        w.WriteString("text"u8, text);
        w.WriteEndObject();
    }
}
