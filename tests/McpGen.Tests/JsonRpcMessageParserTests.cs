using System.Text;
using System.Text.Json;
using McpGen.JsonRpc;

namespace McpGen.Tests;

public class JsonRpcMessageParserTests
{
    private static JsonRpcMessage Parse(string json) => JsonRpcMessageParser.Parse(Encoding.UTF8.GetBytes(json));

    private static JsonRpcParseException Fails(string json, int maxDepth = JsonRpcMessageParser.DefaultMaxDepth) =>
        Assert.Throws<JsonRpcParseException>(() => JsonRpcMessageParser.Parse(Encoding.UTF8.GetBytes(json), maxDepth));

    [Fact]
    public void A_request_with_a_lone_surrogate_escape_is_refused_with_its_id_wherever_the_id_stands()
    {
        // The official TypeScript client writes {"method", "params", "jsonrpc", "id"}: the id comes after the arguments.
        var surrogate = Fails("""{"method":"tools/call","params":{"name":"echo","arguments":{"text":"\ud83d"}},"jsonrpc":"2.0","id":42}""");
        Assert.Equal(JsonRpcErrorCodes.ParseError, surrogate.ErrorCode);
        Assert.Equal("42", surrogate.Id.ToString());
        Assert.Equal("\"s\"", Fails("""{"jsonrpc":"2.0","id":"s","method":"tools/call","params":{"name":"\udc00"}}""").Id.ToString());

    }

    [Fact]
    public void A_lone_surrogate_escape_without_a_readable_request_id_is_refused_with_null()
    {
        Assert.True(Fails("""{"jsonrpc":"2.0","id":3,"result":{"text":"\ud83d"}}""").Id.IsEmpty); // a response's id is the server's own
        Assert.True(Fails("""{"jsonrpc":"2.0","id":null,"method":"ping","params":{"t":"\ud83d"}}""").Id.IsEmpty);
        Assert.True(Fails("""{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}""").Id.IsEmpty);
    }

    [Fact]
    public void Request_with_number_id_and_params()
    {
        var m = Parse("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"x","arguments":{"a":[1,2]}}}""");
        Assert.Equal(JsonRpcMessageKind.Request, m.Kind);
        Assert.True(m.Id.IsNumber);
        Assert.Equal("7", m.Id.Value);
        Assert.Equal("tools/call", m.Method);
        Assert.Equal("""{"name":"x","arguments":{"a":[1,2]}}""", Encoding.UTF8.GetString(m.Params.Span));
    }

    [Fact]
    public void Ids_keep_their_json_type_and_spelling()
    {
        Assert.Equal("1.50", Parse("""{"jsonrpc":"2.0","id":1.50,"method":"ping"}""").Id.ToString());
        var s = Parse("""{"jsonrpc":"2.0","id":"7","method":"ping"}""").Id;
        Assert.True(s.IsString);
        Assert.Equal("\"7\"", s.ToString());
        Assert.NotEqual(RequestId.FromNumber(7), s);
        Assert.Equal(RequestId.FromString("7"), s);
    }

    [Fact]
    public void Members_in_any_order_and_unknown_members_ignored()
    {
        var m = Parse("""{"params":{},"x-extra":[{"deep":true}],"method":"ping","id":"a","jsonrpc":"2.0"}""");
        Assert.Equal(JsonRpcMessageKind.Request, m.Kind);
        Assert.Equal("ping", m.Method);
    }

    [Fact]
    public void Notification_has_no_id()
    {
        var m = Parse("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        Assert.Equal(JsonRpcMessageKind.Notification, m.Kind);
        Assert.True(m.Id.IsEmpty);
        Assert.True(m.Params.IsEmpty);
    }

    [Fact]
    public void Response_and_error()
    {
        var r = Parse("""{"jsonrpc":"2.0","id":3,"result":{"ok":true}}""");
        Assert.Equal(JsonRpcMessageKind.Response, r.Kind);
        Assert.Equal("""{"ok":true}""", Encoding.UTF8.GetString(r.Result.Span));

        var e = Parse("""{"jsonrpc":"2.0","id":3,"error":{"code":-32000,"message":"nope","data":{"x":1}}}""");
        Assert.Equal(JsonRpcMessageKind.Error, e.Kind);
        Assert.Equal(-32000, e.ErrorCode);
        Assert.Equal("nope", e.ErrorMessage);
        Assert.Equal("""{"x":1}""", Encoding.UTF8.GetString(e.ErrorData.Span));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping" """)]
    [InlineData("not json")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"} trailing""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"}{"jsonrpc":"2.0","id":2,"method":"ping"}""")]
    [InlineData("")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"p\u00"}""")]
    public void Malformed_json_is_a_parse_error_with_null_id(string json)
    {
        var ex = Fails(json);
        Assert.Equal(JsonRpcErrorCodes.ParseError, ex.ErrorCode);
        Assert.True(ex.Id.IsEmpty);
    }

    [Fact]
    public void Invalid_utf8_is_a_parse_error()
    {
        byte[] bytes = [.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var ex = Assert.Throws<JsonRpcParseException>(() => JsonRpcMessageParser.Parse(bytes));
        Assert.Equal(JsonRpcErrorCodes.ParseError, ex.ErrorCode);
    }

    [Fact]
    public void Invalid_utf8_inside_params_is_a_parse_error()
    {
        // Found by the fuzzer: the reader accepts these bytes and only a handler's GetString would fail.
        byte[] bytes = [.. "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"a"u8, 0xED, 0xA0, 0x80, .. "\"}}}"u8];
        var ex = Assert.Throws<JsonRpcParseException>(() => JsonRpcMessageParser.Parse(bytes));
        Assert.Equal(JsonRpcErrorCodes.ParseError, ex.ErrorCode);
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"\ud800"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"\udc00":"x"}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":["\ude00 lone low surrogate"]}""")]
    public void An_escape_that_decodes_to_a_lone_surrogate_is_a_parse_error(string json)
    {
        var ex = Fails(json);
        Assert.Equal(JsonRpcErrorCodes.ParseError, ex.ErrorCode);
        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_strings_of_any_length_pass_when_they_decode()
    {
        string longText = string.Concat(Enumerable.Repeat("\\ud83d\\ude00\\n\\\"", 200));
        var message = JsonRpcMessageParser.Parse(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"a\":\"\\ud83d\\ude00\",\"b\":\"" + longText + "\"}}"));
        Assert.Equal("tools/call", message.Method);
        using var doc = JsonDocument.Parse(message.Params);
        Assert.Equal("\U0001F600", doc.RootElement.GetProperty("a").GetString());
        Assert.Equal(800, doc.RootElement.GetProperty("b").GetString()!.Length);
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", "batches")]
    [InlineData("42", "object")]
    [InlineData("\"text\"", "object")]
    [InlineData("""{"id":1,"method":"ping"}""", "jsonrpc")]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""", "jsonrpc")]
    [InlineData("""{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}""", "id")]
    [InlineData("""{"jsonrpc":"2.0","id":true,"method":"ping"}""", "id")]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"ping"}""", "null")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":5}""", "method")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "method")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","result":{}}""", "both")]
    [InlineData("""{"jsonrpc":"2.0","result":{}}""", "id")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{},"error":{"code":1,"message":"x"}}""", "both")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"message":"x"}}""", "code")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}""", "more than once")]
    public void Not_a_jsonrpc_message_is_an_invalid_request(string json, string expectedInMessage)
    {
        var ex = Fails(json);
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, ex.ErrorCode);
        Assert.Contains(expectedInMessage, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Invalid_request_keeps_the_id_when_it_was_readable()
    {
        var ex = Fails("""{"jsonrpc":"2.0","id":"abc","method":"ping","result":1}""");
        Assert.Equal(RequestId.FromString("abc"), ex.Id);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":[1,2]}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping","params":"x"}""")]
    public void Params_that_are_not_an_object_are_invalid_params(string json)
    {
        var ex = Fails(json);
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, ex.ErrorCode);
        Assert.Equal(RequestId.FromNumber(1), ex.Id);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_rejected_and_within_is_accepted()
    {
        string Nested(int depth) => """{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":""" + new string('[', depth) + new string(']', depth) + "}}";
        Parse(Nested(60));
        var ex = Fails(Nested(200));
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, ex.ErrorCode);
        Assert.Contains("nested deeper", ex.Message);
        Assert.Equal(JsonRpcErrorCodes.InvalidRequest, Fails(Nested(20), maxDepth: 10).ErrorCode);
    }
}

public class RequestIdTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("42", true)]
    [InlineData("-7", true)]
    [InlineData("9223372036854775807", true)]
    [InlineData("9223372036854775808", false)]
    [InlineData("1.0", false)]
    [InlineData("1e2", false)]
    [InlineData("-0", false)]
    public void Integers_are_normalized_and_other_numbers_keep_their_spelling(string raw, bool integer)
    {
        var id = JsonRpcMessageParser.Parse(System.Text.Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":" + raw + ",\"method\":\"ping\"}")).Id;
        Assert.True(id.IsNumber);
        Assert.Equal(integer, id.TryGetInt64(out _));
        Assert.Equal(raw, id.ToString());
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer)) id.WriteTo(w);
        Assert.Equal(raw, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void String_and_number_ids_with_the_same_text_differ()
    {
        Assert.NotEqual(RequestId.FromString("1"), RequestId.FromNumber(1));
        Assert.Equal(RequestId.FromNumber(1), RequestId.FromNumber(1));
        Assert.Equal(RequestId.FromNumber(1).GetHashCode(), RequestId.FromNumber(1).GetHashCode());
        Assert.True(default(RequestId).IsEmpty);
        Assert.Equal("null", default(RequestId).ToString());
    }
}
