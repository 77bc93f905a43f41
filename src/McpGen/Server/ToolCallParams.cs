using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>The params of <c>tools/call</c> and <c>prompts/get</c>: a name, a raw arguments object and the progress token.</summary>
internal readonly struct ToolCallParams
{
    public string Name { get; private init; }

    /// <summary>The raw <c>arguments</c> object, or empty when absent or null.</summary>
    public ReadOnlyMemory<byte> Arguments { get; private init; }

    public ProgressToken ProgressToken { get; private init; }

    public static ToolCallParams Read(ReadOnlyMemory<byte> json)
    {
        string? name = null;
        ReadOnlyMemory<byte> arguments = default;
        ProgressToken token = default;
        if (!json.IsEmpty)
        {
            var reader = new Utf8JsonReader(json.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String) throw new McpInvalidParamsException("Parameter 'name' must be a string.", "name");
                    name = reader.GetString();
                }
                else if (reader.ValueTextEquals("arguments"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null) continue;
                    if (reader.TokenType != JsonTokenType.StartObject) throw new McpInvalidParamsException("Parameter 'arguments' must be an object.", "arguments");
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    arguments = json.Slice(start, (int)reader.BytesConsumed - start);
                }
                else if (reader.ValueTextEquals("_meta"u8))
                {
                    reader.Read();
                    token = ReadProgressToken(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        if (name is null) throw new McpInvalidParamsException("Missing required parameter 'name'.", "name");
        return new ToolCallParams { Name = name, Arguments = arguments, ProgressToken = token };
    }

    /// <summary>Reads <c>progressToken</c> from a <c>_meta</c> object the reader is positioned on.</summary>
    public static ProgressToken ReadProgressToken(ref Utf8JsonReader reader)
    {
        ProgressToken token = default;
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return token; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isToken = reader.ValueTextEquals("progressToken"u8);
            reader.Read();
            if (isToken && RequestId.TryRead(ref reader, out var id)) token = new ProgressToken(id);
            else reader.Skip();
        }
        return token;
    }
}

/// <summary>The params of <c>completion/complete</c>.</summary>
internal sealed class CompleteParams
{
    public string? RefType { get; private set; }
    public string? RefName { get; private set; }
    public string? RefUri { get; private set; }
    public string ArgumentName { get; private set; } = "";
    public string ArgumentValue { get; private set; } = "";
    public IReadOnlyDictionary<string, string>? ContextArguments { get; private set; }

    public static CompleteParams Read(ReadOnlySpan<byte> json)
    {
        var result = new CompleteParams();
        bool sawArgument = false;
        if (json.IsEmpty) throw new McpInvalidParamsException("Missing required parameters 'ref' and 'argument'.", "ref");
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ref"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) throw new McpInvalidParamsException("Parameter 'ref' must be an object.", "ref");
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string prop = reader.GetString()!;
                    reader.Read();
                    string? value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (value is null) { reader.Skip(); continue; }
                    switch (prop)
                    {
                        case "type": result.RefType = value; break;
                        case "name": result.RefName = value; break;
                        case "uri": result.RefUri = value; break;
                    }
                }
            }
            else if (reader.ValueTextEquals("argument"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) throw new McpInvalidParamsException("Parameter 'argument' must be an object.", "argument");
                sawArgument = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isName = reader.ValueTextEquals("name"u8), isValue = reader.ValueTextEquals("value"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && isName) result.ArgumentName = reader.GetString()!;
                    else if (reader.TokenType == JsonTokenType.String && isValue) result.ArgumentValue = reader.GetString()!;
                    else reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isArguments = reader.ValueTextEquals("arguments"u8);
                    reader.Read();
                    if (!isArguments || reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                    var map = new Dictionary<string, string>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        string key = reader.GetString()!;
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String) map[key] = reader.GetString()!;
                        else reader.Skip();
                    }
                    result.ContextArguments = map;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (result.RefType is null) throw new McpInvalidParamsException("Missing required parameter 'ref.type'.", "ref.type");
        if (!sawArgument) throw new McpInvalidParamsException("Missing required parameter 'argument'.", "argument");
        return result;
    }
}
