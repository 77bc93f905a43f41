using System.Text;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Microsoft.AspNetCore.Http;

namespace McpGen.AspNetCore;

/// <summary>
/// The request-metadata headers of revision 2026-07-28 (<c>Mcp-Method</c>, <c>Mcp-Name</c>), checked against the body so
/// that what a load balancer or gateway routed on is what the server runs. A mismatch or a missing header is -32020.
/// </summary>
internal static class McpRoutingHeaders
{
    public const string Method = "Mcp-Method";
    public const string Name = "Mcp-Name";

    /// <summary>What is wrong with the headers of <paramref name="message"/>, or <see langword="null"/>.</summary>
    /// <param name="headers">The request's headers.</param>
    /// <param name="message">The request.</param>
    /// <param name="bodyName">The body's <c>params.name</c> (or <c>params.uri</c>) it was checked against, when the method has one.</param>
    public static string? Problem(IHeaderDictionary headers, JsonRpcMessage message, out string? bodyName)
    {
        bodyName = null;
        string? method = headers[Method];
        if (method is null) return $"Header mismatch: the {Method} header is required and must be '{message.Method}'.";
        if (!string.Equals(method, message.Method, StringComparison.Ordinal))
            return $"Header mismatch: {Method} header value '{HostValidation.Sanitize(method)}' does not match body value '{message.Method}'.";

        bodyName = message.Method switch
        {
            McpMethods.ToolsCall or McpMethods.PromptsGet => TopLevelString(message.Params.Span, "name"u8),
            McpMethods.ResourcesRead => TopLevelString(message.Params.Span, "uri"u8),
            _ => null,
        };
        if (bodyName is null) return null; // no name in the body (dispatch reports missing params)
        string? header = headers[Name];
        if (header is null) return $"Header mismatch: the {Name} header is required for '{message.Method}'.";
        string? decoded = Decode(header);
        if (decoded is null) return $"Header mismatch: the {Name} header is not valid Base64 in its =?base64?…?= form.";
        if (!string.Equals(decoded, bodyName, StringComparison.Ordinal))
            return $"Header mismatch: {Name} header value '{HostValidation.Sanitize(decoded)}' does not match body value '{HostValidation.Sanitize(bodyName)}'.";
        return null;
    }

    /// <summary>What is wrong with the <c>Mcp-Param-*</c> headers of a <c>tools/call</c> of <paramref name="tool"/>, or <see langword="null"/>.</summary>
    public static string? ParamProblem(IHeaderDictionary headers, McpTool tool, ReadOnlyMemory<byte> @params)
    {
        var declared = tool.HeaderParameters;
        if (declared.Count == 0) return null;
        System.Text.Json.JsonElement arguments = default;
        using var document = System.Text.Json.JsonDocument.Parse(@params);
        if (document.RootElement.TryGetProperty("arguments"u8, out var args)) arguments = args;
        foreach (var parameter in declared)
        {
            string? raw = headers[parameter.HeaderName];
            string? value = null;
            if (raw is not null)
            {
                if (!IsValidFieldValue(raw)) return $"Header mismatch: the {parameter.HeaderName} header contains characters a header value may not carry (use the =?base64?…?= form).";
                value = Decode(raw) ?? throw new FormatException();
            }
            if (parameter.Check(arguments, value) is { } problem) return "Header mismatch: " + problem + ".";
        }
        return null;
    }

    /// <summary>RFC 9110 field value: visible ASCII, space and tab, no leading or trailing whitespace (Kestrel has already refused CR/LF).</summary>
    private static bool IsValidFieldValue(string value)
    {
        foreach (char c in value)
            if (c is not ('\t' or (>= ' ' and <= '~'))) return false;
        return value.Length == 0 || (value[0] is not (' ' or '\t') && value[^1] is not (' ' or '\t'));
    }

    /// <summary>Decodes the Base64 sentinel form <c>=?base64?…?=</c> (case-sensitive markers); any other value is taken as is.</summary>
    public static string? Decode(string value)
    {
        if (!value.StartsWith("=?base64?", StringComparison.Ordinal) || !value.EndsWith("?=", StringComparison.Ordinal) || value.Length < 11) return value;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(value["=?base64?".Length..^2]));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? TopLevelString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        if (json.IsEmpty) return null;
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(name);
                reader.Read();
                if (match) return reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException) { }
        return null;
    }
}
