using System.Text.Json;
using McpGen;
using McpGen.Protocol;

namespace McpGen.Benchmarks.Server;

/// <summary>The three bench tools. Temporarily hand-written until the generator lands; then these become annotated methods.</summary>
internal static class BenchRegistry
{
    public static McpRegistry Create() => new McpRegistryBuilder().Add(new EchoTool()).Add(new AddTool()).Add(new SearchOrdersTool()).Build();

    private sealed class EchoTool : McpTool
    {
        public EchoTool() : base("echo") => Description = "Echoes the message.";

        public override ReadOnlySpan<byte> InputSchema => """{"type":"object","properties":{"message":{"type":"string","description":"The message."}},"required":["message"]}"""u8;

        public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result)
        {
            string? message = null;
            var reader = new Utf8JsonReader(arguments.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals("message"u8);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String) message = reader.GetString();
                else reader.Skip();
            }
            if (message is null) throw new McpInvalidParamsException("Missing required argument 'message'.", "message");
            Text(result, message);
            return default;
        }
    }

    private sealed class AddTool : McpTool
    {
        public AddTool() : base("add") => Description = "Adds two integers.";

        public override ReadOnlySpan<byte> InputSchema => """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"]}"""u8;

        public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result)
        {
            int a = 0, b = 0;
            var reader = new Utf8JsonReader(arguments.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isA = reader.ValueTextEquals("a"u8), isB = reader.ValueTextEquals("b"u8);
                reader.Read();
                if (isA) a = reader.GetInt32();
                else if (isB) b = reader.GetInt32();
                else reader.Skip();
            }
            Text(result, (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return default;
        }
    }

    private sealed class SearchOrdersTool : McpTool
    {
        public SearchOrdersTool() : base("search_orders") => Description = "Searches orders.";

        public override ReadOnlySpan<byte> InputSchema => """{"type":"object","properties":{"query":{"type":"object","properties":{"customer":{"type":"string"},"limit":{"type":"integer","default":10},"status":{"enum":["Pending","Shipped","Delivered","Cancelled",null]},"tags":{"type":["array","null"],"items":{"type":"string"}}},"required":["customer"]}},"required":["query"]}"""u8;

        public override ReadOnlySpan<byte> OutputSchema => """{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"customer":{"type":"string"},"total":{"type":"number"},"status":{"enum":["Pending","Shipped","Delivered","Cancelled"]}},"required":["id","customer","total","status"]}},"nextCursor":{"type":["string","null"]}},"required":["items"]}"""u8;

        public override ValueTask InvokeAsync(McpRequestContext context, ReadOnlyMemory<byte> arguments, Utf8JsonWriter result)
        {
            string customer = "";
            int limit = 10;
            string status = "Pending";
            var reader = new Utf8JsonReader(arguments.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isQuery = reader.ValueTextEquals("query"u8);
                reader.Read();
                if (!isQuery) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    switch (name)
                    {
                        case "customer": customer = reader.GetString()!; break;
                        case "limit": limit = reader.GetInt32(); break;
                        case "status": if (reader.TokenType == JsonTokenType.String) status = reader.GetString()!; break;
                        default: reader.Skip(); break;
                    }
                }
            }
            var page = new System.Buffers.ArrayBufferWriter<byte>(1024);
            using (var w = new Utf8JsonWriter(page))
            {
                w.WriteStartObject();
                w.WriteStartArray("items"u8);
                for (int i = 1; i <= limit; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("id"u8, "ord-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteString("customer"u8, customer);
                    w.WriteNumber("total"u8, i * 10.5m);
                    w.WriteString("status"u8, status);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteNull("nextCursor"u8);
                w.WriteEndObject();
            }
            result.WriteStartObject();
            result.WriteStartArray("content"u8);
            result.WriteStartObject();
            result.WriteString("type"u8, "text"u8);
            result.WriteString("text"u8, page.WrittenSpan);
            result.WriteEndObject();
            result.WriteEndArray();
            result.WritePropertyName("structuredContent"u8);
            result.WriteRawValue(page.WrittenSpan, skipInputValidation: true);
            result.WriteEndObject();
            return default;
        }
    }

    private static void Text(Utf8JsonWriter result, string text)
    {
        result.WriteStartObject();
        result.WriteStartArray("content"u8);
        result.WriteStartObject();
        result.WriteString("type"u8, "text"u8);
        result.WriteString("text"u8, text);
        result.WriteEndObject();
        result.WriteEndArray();
        result.WriteEndObject();
    }
}
