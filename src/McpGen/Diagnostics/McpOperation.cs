using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpGen.JsonRpc;

namespace McpGen.Diagnostics;

/// <summary>
/// The telemetry of one request in flight (its span and its <c>mcp.server.operation.duration</c> measurement), from
/// <see cref="McpTelemetry.StartOperation"/>. <see langword="default"/> (what nobody listening gives) does nothing.
/// </summary>
internal readonly struct McpOperation
{
    private readonly Activity? _activity;
    private readonly long _start;            // 0: not timed
    private readonly string? _method;
    private readonly string? _targetKey;     // gen_ai.tool.name or gen_ai.prompt.name (metric dimension), or null
    private readonly string? _target;
    private readonly string? _protocolVersion;
    private readonly string? _transport;

    private McpOperation(Activity? activity, long start, string method, string? targetKey, string? target, string? protocolVersion, string? transport)
    {
        _activity = activity;
        _start = start;
        _method = method;
        _targetKey = targetKey;
        _target = target;
        _protocolVersion = protocolVersion;
        _transport = transport;
    }

    /// <summary>The span, when one is recorded.</summary>
    public Activity? Activity => _activity;

    internal static McpOperation Start(JsonRpcMessage request, string? sessionId, string? protocolVersion, string? transport, bool traced, bool timed)
    {
        long start = timed ? Stopwatch.GetTimestamp() : 0;
        string method = request.Method ?? "";
        var facts = RequestFacts.Read(request.Params.Span, method);
        string? targetKey = method switch
        {
            "tools/call" => McpSemanticConventions.ToolName,
            "prompts/get" => McpSemanticConventions.PromptName,
            _ => null,
        };
        Activity? activity = null;
        if (traced)
        {
            ActivityContext parent = default;
            ActivityLink[]? links = null;
            if (facts.TraceParent is not null && ActivityContext.TryParse(facts.TraceParent, facts.TraceState, isRemote: true, out var remote))
            {
                parent = remote;
                if (Activity.Current is { } current) links = [new ActivityLink(current.Context)];   // e.g. the HTTP server span
            }
            else if (Activity.Current is { } current)
            {
                parent = current.Context;
            }
            // Span names stay low-cardinality: a tool or prompt name is, a resource URI is not (it goes in mcp.resource.uri).
            string name = facts.Target is null || targetKey is null ? method : method + " " + facts.Target;
            activity = McpTelemetry.Source.StartActivity(name, ActivityKind.Server, parent, tags: null, links);
            if (activity is not null && activity.IsAllDataRequested)
            {
                activity.SetTag(McpSemanticConventions.MethodName, method);
                if (!request.Id.IsEmpty) activity.SetTag(McpSemanticConventions.RequestId, request.Id.Value);
                if (sessionId is not null) activity.SetTag(McpSemanticConventions.SessionId, Digest(sessionId));
                if (protocolVersion is not null) activity.SetTag(McpSemanticConventions.ProtocolVersion, protocolVersion);
                if (transport is not null) activity.SetTag(McpSemanticConventions.NetworkTransport, transport);
                if (facts.Target is not null)
                {
                    if (targetKey is not null) activity.SetTag(targetKey, facts.Target);
                    else activity.SetTag(McpSemanticConventions.ResourceUri, facts.Target);
                }
                if (method == "tools/call") activity.SetTag(McpSemanticConventions.OperationName, McpSemanticConventions.ExecuteTool);
            }
        }
        return new McpOperation(activity, start, method, targetKey, targetKey is null ? null : facts.Target, protocolVersion, transport);
    }

    /// <summary>
    /// Ends the operation from the response that was written (a JSON-RPC response object): an <c>error</c> gives
    /// <c>error.type</c> = its code, a <c>tools/call</c> result with <c>isError: true</c> gives <c>tool_error</c>.
    /// An empty response (a cancelled request, which gets none) ends it with <c>error.type</c> <c>cancelled</c>.
    /// </summary>
    public void Stop(ReadOnlySpan<byte> response)
    {
        if (_activity is null && _start == 0) return;
        string? errorType;
        int code = 0;
        if (response.IsEmpty) errorType = "cancelled";
        else errorType = ReadOutcome(response, out code);
        Finish(errorType, code);
    }

    /// <summary>Ends the operation with <paramref name="errorType"/> (<see langword="null"/>: it succeeded).</summary>
    public void Stop(string? errorType)
    {
        if (_activity is null && _start == 0) return;
        Finish(errorType, 0);
    }

    /// <summary>Ends the operation after an exception escaped the request: <c>error.type</c> is the exception's type.</summary>
    public void Stop(Exception exception)
    {
        if (_activity is null && _start == 0) return;
        Finish(exception.GetType().FullName ?? "_OTHER", 0);
    }

    private void Finish(string? errorType, int code)
    {
        if (_start != 0)
        {
            var tags = new TagList { { McpSemanticConventions.MethodName, _method } };
            if (_targetKey is not null && _target is not null) tags.Add(_targetKey, _target);
            if (_protocolVersion is not null) tags.Add(McpSemanticConventions.ProtocolVersion, _protocolVersion);
            if (_transport is not null) tags.Add(McpSemanticConventions.NetworkTransport, _transport);
            if (errorType is not null) tags.Add(McpSemanticConventions.ErrorType, errorType);
            if (code != 0) tags.Add(McpSemanticConventions.ResponseStatusCode, code.ToString(CultureInfo.InvariantCulture));
            McpTelemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(_start).TotalSeconds, in tags);
        }
        if (_activity is not null)
        {
            if (errorType is not null)
            {
                _activity.SetTag(McpSemanticConventions.ErrorType, errorType);
                if (code != 0) _activity.SetTag(McpSemanticConventions.ResponseStatusCode, code.ToString(CultureInfo.InvariantCulture));
                _activity.SetStatus(ActivityStatusCode.Error);
            }
            _activity.Dispose();
        }
    }

    /// <summary>Reads <c>error.code</c> or <c>result.isError</c> from a response; <see langword="null"/> when it succeeded.</summary>
    private static string? ReadOutcome(ReadOnlySpan<byte> response, out int code)
    {
        code = 0;
        try
        {
            var reader = new Utf8JsonReader(response);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject) return "_OTHER";
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        bool isCode = reader.ValueTextEquals("code"u8);
                        reader.Read();
                        if (isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out code))
                            return code.ToString(CultureInfo.InvariantCulture);
                        reader.Skip();
                    }
                    return "_OTHER";
                }
                if (reader.ValueTextEquals("result"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject) return null;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        bool isError = reader.ValueTextEquals("isError"u8);
                        reader.Read();
                        if (isError) return reader.TokenType == JsonTokenType.True ? McpSemanticConventions.ToolError : null;
                        reader.Skip();
                    }
                    return null;
                }
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A transport-specific frame (not one JSON object): the outcome is unknown, not an error.
        }
        return null;
    }

    // One digest per session id string (a session passes the same instance with every request); entries go with the ids.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string> Digests = new();

    /// <summary>16 hex digits of SHA-256 of the session id: groups a session's spans without disclosing the id.</summary>
    private static string Digest(string sessionId) => Digests.GetValue(sessionId, ComputeDigest);

    private static string ComputeDigest(string sessionId)
    {
        Span<byte> hash = stackalloc byte[32];
        int n = Encoding.UTF8.GetByteCount(sessionId);
        Span<byte> bytes = n <= 256 ? stackalloc byte[256] : new byte[n];
        n = Encoding.UTF8.GetBytes(sessionId, bytes);
        SHA256.HashData(bytes[..n], hash);
        return Convert.ToHexString(hash[..8]).ToLowerInvariant();
    }

    /// <summary>What the span needs from <c>params</c>: the target and the <c>_meta</c> trace context. Read only when listened to.</summary>
    private readonly record struct RequestFacts(string? Target, string? TraceParent, string? TraceState)
    {
        public static RequestFacts Read(ReadOnlySpan<byte> @params, string method)
        {
            ReadOnlySpan<byte> targetName = method switch
            {
                "tools/call" or "prompts/get" => "name"u8,
                "resources/read" or "resources/subscribe" or "resources/unsubscribe" => "uri"u8,
                _ => default,
            };
            if (@params.IsEmpty) return default;
            string? target = null, traceParent = null, traceState = null;
            try
            {
                var reader = new Utf8JsonReader(@params);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return default;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!targetName.IsEmpty && reader.ValueTextEquals(targetName))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String) target = reader.GetString();
                        else reader.Skip();
                    }
                    else if (reader.ValueTextEquals("_meta"u8))
                    {
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            bool parent = reader.ValueTextEquals(McpSemanticConventions.TraceParent);
                            bool state = !parent && reader.ValueTextEquals(McpSemanticConventions.TraceState);
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String && (parent || state))
                            {
                                if (parent) traceParent = reader.GetString();
                                else traceState = reader.GetString();
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            catch (JsonException)
            {
                // Bad params are the dispatcher's to answer (-32602); the span just has less to say.
            }
            return new RequestFacts(target, traceParent, traceState);
        }
    }
}
