using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// The client inputs of one multi round-trip request (MRTR): answers from earlier rounds (sealed in
/// <c>requestState</c>) and from this retry (<c>inputResponses</c>), and the input requests the handler made that have
/// no answer yet. Created on the handler's first input request, so requests that ask nothing pay nothing.
/// </summary>
internal sealed class McpInputExchange
{
    private readonly Dictionary<string, JsonElement> _answers = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Method, byte[] Params)> _pending = [];
    private readonly byte[] _binding;
    private readonly McpRequestStateProtector _protector;
    private int _nextKey;

    private McpInputExchange(McpRequestStateProtector protector, byte[] binding)
    {
        _protector = protector;
        _binding = binding;
    }

    public bool HasPending => _pending.Count > 0;

    /// <summary>Opens the request's state and takes its input responses.</summary>
    /// <exception cref="McpException">-32602: the state is tampered, foreign, expired or not JSON; input responses that are not an object.</exception>
    public static McpInputExchange Open(McpServer server, string method, ReadOnlyMemory<byte> @params, McpRequestMeta meta, ClaimsPrincipal? user)
    {
        var exchange = new McpInputExchange(server.RequestStateProtector, Binding(method, @params, user));
        if (meta.RequestState is { } state)
        {
            var payload = exchange._protector.Open(state, exchange._binding, out string? problem)
                ?? throw new McpException(JsonRpcErrorCodes.InvalidParams, $"Invalid requestState: {problem}.");
            using var earlier = JsonDocument.Parse(payload);
            foreach (var answer in earlier.RootElement.EnumerateObject()) exchange._answers[answer.Name] = answer.Value.Clone();
        }
        if (!meta.InputResponses.IsEmpty)
        {
            using var responses = JsonDocument.Parse(meta.InputResponses);
            foreach (var answer in responses.RootElement.EnumerateObject()) exchange._answers[answer.Name] = answer.Value.Clone();
        }
        return exchange;
    }

    /// <summary>The key of the handler's next input request that names none: <c>input-1</c>, <c>input-2</c>, ... (stable because a re-run asks in the same order).</summary>
    public string NextKey() => "input-" + (++_nextKey).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool TryGetAnswer(string key, out JsonElement answer) => _answers.TryGetValue(key, out answer);

    public void Register(string key, string method, byte[] @params)
    {
        foreach (var pending in _pending)
            if (pending.Key == key) throw new InvalidOperationException($"Two input requests of one request use the key '{key}'.");
        _pending.Add((key, method, @params));
    }

    /// <summary>
    /// Writes <c>{"resultType":"input_required","inputRequests":{…},"requestState":"…"}</c>: the requests without an
    /// answer, and every answer so far sealed for the next round.
    /// </summary>
    public void WriteInputRequired(JsonMessageBuffer response, RequestId id, McpResultTrailer trailer)
    {
        var answers = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(answers))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in _answers)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        string state = _protector.Seal(answers.WrittenSpan, _binding);

        response.BeginResult(id);
        var w = response.Writer;
        w.WriteStartObject();
        w.WriteString("resultType"u8, "input_required"u8);
        w.WriteStartObject("inputRequests"u8);
        foreach (var (key, method, @params) in _pending)
        {
            w.WriteStartObject(key);
            w.WriteString("method"u8, method);
            w.WritePropertyName("params"u8);
            w.WriteRawValue(@params, skipInputValidation: true); // reflection-free: serialized by McpJsonContext above
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteString("requestState"u8, state);
        w.WritePropertyName("_meta"u8);
        w.WriteRawValue(trailer.MetaObject, skipInputValidation: true); // reflection-free: rendered once by McpResultTrailer
        w.WriteEndObject();
        response.EndCompleteResult();
    }

    /// <summary>
    /// What a state is bound to: the principal, the method and a digest of the params without the parts a retry
    /// changes (<c>_meta</c>, <c>inputResponses</c>, <c>requestState</c>), in a canonical form (sorted keys) so a
    /// client that re-serializes the same params still matches.
    /// </summary>
    private static byte[] Binding(string method, ReadOnlyMemory<byte> @params, ClaimsPrincipal? user)
    {
        string principal = user?.Identity?.IsAuthenticated == true
            ? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name ?? ""
            : "";
        var canonical = new System.Buffers.ArrayBufferWriter<byte>(256);
        if (!@params.IsEmpty)
        {
            using var document = JsonDocument.Parse(@params);
            using var writer = new Utf8JsonWriter(canonical);
            WriteCanonical(writer, document.RootElement, topLevel: true);
        }
        byte[] digest = SHA256.HashData(canonical.WrittenSpan);
        return [.. Encoding.UTF8.GetBytes(principal), 0, .. Encoding.UTF8.GetBytes(method), 0, .. digest];
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element, bool topLevel)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(static p => p.Name, StringComparer.Ordinal))
                {
                    if (topLevel && property.Name is "_meta" or "inputResponses" or "requestState") continue;
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value, topLevel: false);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteCanonical(writer, item, topLevel: false);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
