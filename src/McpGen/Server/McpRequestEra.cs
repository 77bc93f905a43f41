using System.Buffers;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>Which protocol era serves a request, as decided from its body (and, over HTTP, its version header).</summary>
public enum McpEra
{
    /// <summary>Revisions with <c>initialize</c>: the request belongs to a session (or a stateless session-era endpoint).</summary>
    Session,

    /// <summary>Revision 2026-07-28 and later: the request carries its own metadata and is served without a session.</summary>
    PerRequest,
}

/// <summary>Which eras an endpoint serves.</summary>
public enum McpServedEras
{
    /// <summary>Both, on one endpoint (the default): <c>initialize</c> starts a session, a request with per-request metadata stands alone.</summary>
    Both,

    /// <summary>Only revisions with <c>initialize</c>; requests with per-request metadata are treated as session-era requests (as a server from before 2026-07-28 would).</summary>
    SessionOnly,

    /// <summary>Only per-request revisions; <c>initialize</c> is refused as an unsupported protocol version.</summary>
    PerRequestOnly,
}

/// <summary>
/// The era of one request and, for the per-request era, its metadata and revision, or the error that refuses it.
/// Classification reads the body first and cross-checks the <c>MCP-Protocol-Version</c> header, so a mismatch is
/// refused rather than guessed.
/// </summary>
public sealed class McpRequestEra
{
    private static readonly McpRequestEra SessionEra = new(McpEra.Session, null, McpRequestMeta.None);

    private McpRequestEra(McpEra era, McpProtocolRevision? revision, McpRequestMeta meta)
    {
        Era = era;
        Revision = revision;
        Meta = meta;
    }

    /// <summary>The era that serves the request.</summary>
    public McpEra Era { get; }

    /// <summary>The per-request revision; <see langword="null"/> for the session era or a refused request.</summary>
    public McpProtocolRevision? Revision { get; }

    internal McpRequestMeta Meta { get; }

    /// <summary>The JSON-RPC error that refuses the request (0 when accepted).</summary>
    public int ErrorCode { get; private init; }

    /// <summary>The error message when refused.</summary>
    public string? ErrorMessage { get; private init; }

    /// <summary>The error's <c>data</c> (UTF-8 JSON), or empty.</summary>
    public ReadOnlyMemory<byte> ErrorData { get; private init; }

    /// <summary>Whether the request is refused before dispatch (answer <see cref="ErrorCode"/>; over HTTP with status 400).</summary>
    public bool IsRefused => ErrorCode != 0;

    /// <summary>Classifies <paramref name="request"/>.</summary>
    /// <param name="request">A request.</param>
    /// <param name="served">The eras the endpoint serves.</param>
    /// <param name="headerVersion">The <c>MCP-Protocol-Version</c> header (HTTP); <see langword="null"/> when absent.</param>
    /// <param name="headerRequired">Whether the transport has the header (HTTP: a per-request-era request must carry it).</param>
    internal static McpRequestEra Classify(JsonRpcMessage request, McpServedEras served, string? headerVersion, bool headerRequired)
    {
        if (served == McpServedEras.SessionOnly) return SessionEra;
        var meta = McpRequestMeta.Read(request.Params);
        var headerRevision = McpProtocolRevision.Find(headerVersion);
        if (meta.ProtocolVersion is null)
        {
            bool modernHeader = headerRevision is { HasInitializeHandshake: false };
            if (modernHeader || served == McpServedEras.PerRequestOnly)
            {
                if (served == McpServedEras.PerRequestOnly && request.Method == McpMethods.Initialize)
                    return UnsupportedVersion(meta, InitializeVersion(request) ?? headerVersion ?? "");
                return Refuse(meta, JsonRpcErrorCodes.InvalidParams,
                    $"Invalid params: '_meta[\"{McpMetaKeys.ProtocolVersion}\"]' is required (this endpoint serves revisions without initialize: {string.Join(", ", PerRequestVersions)}).");
            }
            return SessionEra;
        }

        if (headerRequired && headerVersion is null)
            return Refuse(meta, JsonRpcErrorCodes.HeaderMismatch, $"Header mismatch: the MCP-Protocol-Version header is required and must be '{meta.ProtocolVersion}'.");
        if (headerVersion is not null && headerVersion != meta.ProtocolVersion)
            return Refuse(meta, JsonRpcErrorCodes.HeaderMismatch,
                $"Header mismatch: MCP-Protocol-Version header value '{Sanitize(headerVersion)}' does not match body value '{Sanitize(meta.ProtocolVersion)}'.");
        var revision = McpProtocolRevision.Find(meta.ProtocolVersion);
        if (revision is not { HasInitializeHandshake: false }) return UnsupportedVersion(meta, meta.ProtocolVersion);
        if (meta.Problem is not null) return Refuse(meta, JsonRpcErrorCodes.InvalidParams, meta.Problem);
        if (!meta.HasCapabilities)
            return Refuse(meta, JsonRpcErrorCodes.InvalidParams, $"Invalid params: '_meta[\"{McpMetaKeys.ClientCapabilities}\"]' is required (an empty object declares none).");
        return new McpRequestEra(McpEra.PerRequest, revision, meta);
    }

    private static IEnumerable<string> PerRequestVersions => McpProtocolRevision.PerRequest.Select(static r => r.Version);

    private static McpRequestEra Refuse(McpRequestMeta meta, int code, string message, ReadOnlyMemory<byte> data = default) =>
        new(McpEra.PerRequest, null, meta) { ErrorCode = code, ErrorMessage = message, ErrorData = data };

    private static McpRequestEra UnsupportedVersion(McpRequestMeta meta, string requested)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("supported"u8);
            foreach (var version in PerRequestVersions) writer.WriteStringValue(version);
            writer.WriteEndArray();
            writer.WriteString("requested"u8, requested);
            writer.WriteEndObject();
        }
        return Refuse(meta, JsonRpcErrorCodes.UnsupportedProtocolVersion,
            $"Unsupported protocol version '{Sanitize(requested)}': this server serves {string.Join(", ", PerRequestVersions)} per request (and {string.Join(", ", McpProtocolRevision.WithHandshake.Select(static r => r.Version))} after initialize).",
            buffer.WrittenMemory.ToArray());
    }

    private static string? InitializeVersion(JsonRpcMessage request)
    {
        try
        {
            return request.Params.IsEmpty ? null : JsonSerializer.Deserialize(request.Params.Span, McpJsonContext.Default.InitializeRequestParams)?.ProtocolVersion;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Client text echoed in an error: printable ASCII only, at most 64 characters.</summary>
    private static string Sanitize(string value)
    {
        var text = new string([.. value.Take(64).Select(static c => c is >= ' ' and <= '~' ? c : '?')]);
        return value.Length > 64 ? text + "..." : text;
    }
}
