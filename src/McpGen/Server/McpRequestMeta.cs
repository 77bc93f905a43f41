using System.Text.Json;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// What a request says about itself: its <c>params._meta</c> (protocol version, client capabilities and info, log
/// level) and, for multi round-trip requests, its <c>inputResponses</c> and <c>requestState</c>. Read from the raw
/// params without a DOM; the capabilities and info are deserialized only when present.
/// </summary>
internal sealed class McpRequestMeta
{
    private McpRequestMeta() { }

    /// <summary>The <c>io.modelcontextprotocol/protocolVersion</c> value; <see langword="null"/> for a session-era request.</summary>
    public string? ProtocolVersion { get; private set; }

    /// <summary>Whether <c>io.modelcontextprotocol/clientCapabilities</c> was sent.</summary>
    public bool HasCapabilities { get; private set; }

    public ClientCapabilities Capabilities { get; private set; } = ClientCapabilities.None;

    /// <summary>Who the client says it is; read from the request's bytes on first use (it is for display only).</summary>
    public Implementation? ClientInfo
    {
        get
        {
            if (_clientInfoJson.IsEmpty) return _clientInfo;
            try { _clientInfo = JsonSerializer.Deserialize(_clientInfoJson.Span, McpJsonContext.Default.Implementation); }
            catch (JsonException) { /* self-reported, for display only: an unreadable one is ignored */ }
            _clientInfoJson = default;
            return _clientInfo;
        }
    }

    private Implementation? _clientInfo;
    private ReadOnlyMemory<byte> _clientInfoJson;

    public LoggingLevel? LogLevel { get; private set; }

    /// <summary>The raw <c>inputResponses</c> object (empty when absent).</summary>
    public ReadOnlyMemory<byte> InputResponses { get; private set; }

    /// <summary>The <c>requestState</c> the client echoed, if any.</summary>
    public string? RequestState { get; private set; }

    /// <summary>A problem with the metadata that makes the request invalid (-32602), or <see langword="null"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>The shared instance for params without any per-request metadata.</summary>
    public static McpRequestMeta None { get; } = new();

    /// <summary>Reads the metadata of <paramref name="params"/>; never throws (a bad shape becomes <see cref="Problem"/>).</summary>
    public static McpRequestMeta Read(ReadOnlyMemory<byte> @params)
    {
        if (@params.IsEmpty) return None;
        McpRequestMeta? meta = null;
        try
        {
            var reader = new Utf8JsonReader(@params.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("_meta"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject) ReadMeta(ref reader, @params, ref meta);
                    else reader.Skip();
                }
                else if (reader.ValueTextEquals("inputResponses"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        if (reader.TokenType != JsonTokenType.Null) (meta ??= new()).Problem ??= "Invalid params: 'inputResponses' must be an object (the answers keyed as the input requests were).";
                        reader.Skip();
                        continue;
                    }
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    (meta ??= new()).InputResponses = @params.Slice(start, (int)reader.BytesConsumed - start);
                }
                else if (reader.ValueTextEquals("requestState"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String) (meta ??= new()).RequestState = reader.GetString();
                    else if (reader.TokenType != JsonTokenType.Null) (meta ??= new()).Problem ??= "Invalid params: 'requestState' must be the string the server returned.";
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            (meta ??= new()).Problem = "Invalid params: '_meta' is not valid: " + (ex is JsonException json ? McpJsonErrors.Describe(json) : "malformed value.");
        }
        return meta ?? None;
    }

    /// <summary>Reads the <c>_meta</c> object; <paramref name="meta"/> is created only when a reserved key is there (a session-era request's progress token allocates nothing).</summary>
    private static void ReadMeta(ref Utf8JsonReader reader, ReadOnlyMemory<byte> @params, ref McpRequestMeta? meta)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueSpan.StartsWith("io.modelcontextprotocol/"u8) && !reader.ValueIsEscaped)
            {
                reader.Read();
                reader.Skip();
                continue;
            }
            meta ??= new();
            if (reader.ValueTextEquals(McpMetaKeys.ProtocolVersion))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) meta.ProtocolVersion = KnownVersion(ref reader) ?? reader.GetString();
                else meta.Problem ??= $"Invalid params: '_meta[\"{McpMetaKeys.ProtocolVersion}\"]' must be a string.";
                reader.Skip();
            }
            else if (reader.ValueTextEquals(McpMetaKeys.ClientCapabilities))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    meta.Problem ??= $"Invalid params: '_meta[\"{McpMetaKeys.ClientCapabilities}\"]' must be an object.";
                    reader.Skip();
                    continue;
                }
                meta.HasCapabilities = true;
                var slice = Slice(ref reader, @params);
                if (IsEmptyObject(slice.Span)) continue; // {}: declares nothing, as ClientCapabilities.None says
                try { meta.Capabilities = JsonSerializer.Deserialize(slice.Span, McpJsonContext.Default.ClientCapabilities) ?? ClientCapabilities.None; }
                catch (JsonException ex) { meta.Problem ??= $"Invalid params: '_meta[\"{McpMetaKeys.ClientCapabilities}\"]': {McpJsonErrors.Describe(ex)}"; }
            }
            else if (reader.ValueTextEquals(McpMetaKeys.ClientInfo))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                meta._clientInfoJson = Slice(ref reader, @params); // the request's buffer outlives every use of its metadata
            }
            else if (reader.ValueTextEquals(McpMetaKeys.LogLevel))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && LoggingLevels.TryParse(reader.GetString()!, out var level)) meta.LogLevel = level;
                else meta.Problem ??= $"Invalid params: '_meta[\"{McpMetaKeys.LogLevel}\"]' must be one of debug, info, notice, warning, error, critical, alert, emergency.";
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The shared string of a revision this server serves, so the common case allocates nothing.</summary>
    private static string? KnownVersion(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence) return null;
        foreach (var revision in McpProtocolRevision.All)
            if (reader.ValueTextEquals(revision.Version)) return revision.Version;
        return null;
    }

    private static bool IsEmptyObject(ReadOnlySpan<byte> json)
    {
        foreach (byte b in json)
            if (b is not ((byte)'{' or (byte)'}' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    private static ReadOnlyMemory<byte> Slice(ref Utf8JsonReader reader, ReadOnlyMemory<byte> @params)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return @params.Slice(start, (int)reader.BytesConsumed - start);
    }
}
