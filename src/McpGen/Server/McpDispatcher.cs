using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Microsoft.Extensions.Logging;

namespace McpGen;

/// <summary>
/// Request-scoped dispatch: the table of methods (<see cref="Methods"/>) and their handlers. It sees only the
/// <see cref="McpRequestContext"/>; client state (log level, subscriptions, server-to-client requests) is reached
/// through the context's <see cref="IMcpClientState"/>, so the same code serves sessions and stateless requests.
/// </summary>
internal sealed class McpDispatcher(McpServer server)
{
    private static readonly byte[] EmptyArguments = "{}"u8.ToArray();

    private McpServer Server => server;

    /// <summary>Every method a client may call, with what the request path needs to know about it.</summary>
    internal static IReadOnlyList<McpMethodDescriptor> Methods { get; } =
    [
        new(McpMethods.Initialize, static (d, c, r, resp) => new(Initialize(c, r, resp)), IsHandshake: true, CountsAgainstLimit: false),
        new(McpMethods.Ping, static (d, c, r, resp) => WriteEmpty(resp, r.Id), AllowedBeforeHandshake: true, CountsAgainstLimit: false),
        new(McpMethods.ServerDiscover, static (d, c, r, resp) => Discover(c, r, resp), CountsAgainstLimit: false),
        new(McpMethods.ToolsList, static (d, c, r, resp) => d.WriteList(c.Revision, resp, r.Id, "tools"u8, d.Server.Tools.Items, ReadCursor(r.Params.Span), c.User, static t => t.RequiredScopes, static (t, w) => t.WriteDefinition(w))),
        new(McpMethods.ToolsCall, static (d, c, r, resp) => d.CallToolAsync(c, r, resp), ToolScopes, MayRequireInput: true),
        new(McpMethods.PromptsList, static (d, c, r, resp) => d.WriteList(c.Revision, resp, r.Id, "prompts"u8, d.Server.Prompts.Items, ReadCursor(r.Params.Span), c.User, static p => p.RequiredScopes, static (p, w) => p.WriteDefinition(w))),
        new(McpMethods.PromptsGet, static (d, c, r, resp) => d.GetPromptAsync(c, r, resp), PromptScopes, MayRequireInput: true),
        new(McpMethods.ResourcesList, static (d, c, r, resp) => d.WriteList(c.Revision, resp, r.Id, "resources"u8, d.Server.Resources.Items, ReadCursor(r.Params.Span), c.User, static x => x.RequiredScopes, static (x, w) => x.WriteDefinition(w))),
        new(McpMethods.ResourceTemplatesList, static (d, c, r, resp) => d.WriteList(c.Revision, resp, r.Id, "resourceTemplates"u8, d.Server.ResourceTemplates.Items, ReadCursor(r.Params.Span), c.User, static t => t.RequiredScopes, static (t, w) => t.WriteDefinition(w))),
        new(McpMethods.ResourcesRead, static (d, c, r, resp) => d.ReadResourceAsync(c, r, resp), ResourceScopes, MayRequireInput: true),
        new(McpMethods.ResourcesSubscribe, static (d, c, r, resp) => Subscribe(c, r, resp), ResourceScopes),
        new(McpMethods.ResourcesUnsubscribe, static (d, c, r, resp) => Unsubscribe(c, r, resp)),
        new(McpMethods.CompletionComplete, static (d, c, r, resp) => d.CompleteAsync(c, r, resp), CompletionScopes),
        new(McpMethods.LoggingSetLevel, static (d, c, r, resp) => SetLevel(c, r, resp)),
        new(McpMethods.SubscriptionsListen, static (d, c, r, resp) => McpListen.ListenAsync(c, r, resp), CountsAgainstLimit: false),
    ];

    private static readonly System.Collections.Frozen.FrozenDictionary<string, McpMethodDescriptor> ByName =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Methods, static m => m.Name, StringComparer.Ordinal);

    /// <summary>The method named <paramref name="name"/>, or <see langword="null"/> when there is none.</summary>
    public McpMethodDescriptor? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Writes the complete response (result or error) to <paramref name="response"/>.</summary>
    /// <returns><see langword="false"/> when no response must be sent (the client cancelled the request).</returns>
    public async ValueTask<bool> DispatchAsync(McpMethodDescriptor method, McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var id = request.Id;
        try
        {
            if (method.Scopes is { } rule && context.User?.Identity?.IsAuthenticated == true)
            {
                var demand = rule(server, request);
                McpScopes.Demand(context, demand.Scopes, demand.Kind, demand.Name);
            }
            return await method.Handle(this, context, request, response).ConfigureAwait(false);
        }
        catch (Exception ex) when (context.Inputs is { HasPending: true } inputs && IsInputRequired(ex))
        {
            if (!method.MayRequireInput)
            {
                response.WriteError(id, JsonRpcErrorCodes.InternalError, $"Internal error in '{request.Method}': its handler asked the client for input, which only tools/call, prompts/get and resources/read may do.");
                return true;
            }
            inputs.WriteInputRequired(response, id, server.ResultTrailer);
            return true;
        }
        catch (McpException ex)
        {
            response.WriteError(id, ex.ErrorCode, ex.Message, ex.ErrorData.Span);
            return true;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return false; // cancelled by the client (no response, per the spec) or the session ended
        }
        catch (JsonException ex)
        {
            response.WriteError(id, JsonRpcErrorCodes.InvalidParams, $"Invalid params for '{request.Method}': {McpJsonErrors.Describe(ex)}");
            return true;
        }
        catch (Exception ex)
        {
            server.Logger.LogError(ex, "Handler for {Method} failed.", request.Method);
            response.WriteError(id, JsonRpcErrorCodes.InternalError, $"Internal error in '{request.Method}': {Describe(ex)}");
            return true;
        }
    }

    /// <summary>Whether <paramref name="ex"/> is (or only wraps) the signal that an input request has no answer yet.</summary>
    private static bool IsInputRequired(Exception ex) => ex switch
    {
        McpInputRequiredException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsInputRequired),
        _ => false,
    };

    /// <summary><c>server/discover</c>: what the server supports, for clients that ask before their first request.</summary>
    private static ValueTask<bool> Discover(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var server = context.Server;
        response.BeginResult(request.Id);
        var w = response.Writer;
        w.WriteStartObject();
        w.WriteStartArray("supportedVersions"u8);
        foreach (var revision in McpProtocolRevision.PerRequest) w.WriteStringValue(revision.Version);
        w.WriteEndArray();
        w.WritePropertyName("capabilities"u8);
        JsonSerializer.Serialize(w, server.GetDiscoveryCapabilities(), McpJsonContext.Default.ServerCapabilities);
        if (server.Options.Instructions is { } instructions) w.WriteString("instructions"u8, instructions);
        server.CacheHint.WriteMembers(w);
        w.WriteEndObject();
        response.EndResult();
        return new(true);
    }

    private string Describe(Exception ex) => server.Options.IncludeExceptionDetails ? ex.ToString() : ex.Message;

    private static ValueTask<bool> WriteEmpty(JsonMessageBuffer response, RequestId id)
    {
        response.BeginResult(id);
        response.Writer.WriteStartObject();
        response.Writer.WriteEndObject();
        response.EndResult();
        return new(true);
    }

    /// <summary>
    /// Writes one page of a list. Items the request's user lacks scopes for are left out (they do not count towards
    /// the page size); cursors stay offsets into the full list, so pages do not shift when scopes differ.
    /// </summary>
    private ValueTask<bool> WriteList<T>(McpProtocolRevision revision, JsonMessageBuffer response, RequestId id, ReadOnlySpan<byte> propertyName, T[] items, string? cursor,
        ClaimsPrincipal? user, Func<T, IReadOnlyList<string>> scopesOf, Action<T, Utf8JsonWriter> write)
    {
        int start = DecodeCursor(cursor, items.Length);
        int pageSize = server.Options.PageSize is int size and > 0 ? size : int.MaxValue;
        // The user's scopes are read from the claims once per list, not once per item.
        var granted = user?.Identity?.IsAuthenticated == true ? McpScopes.Granted(user) : null;
        response.BeginResult(id);
        var w = response.Writer;
        w.WriteStartObject();
        w.WritePropertyName(propertyName);
        w.WriteStartArray();
        int written = 0, i = start;
        for (; i < items.Length && written < pageSize; i++)
        {
            if (granted is not null && !McpScopes.ContainsAll(granted, scopesOf(items[i]))) continue;
            write(items[i], w);
            written++;
        }
        while (granted is not null && i < items.Length && !McpScopes.ContainsAll(granted, scopesOf(items[i]))) i++; // no cursor to an empty page
        w.WriteEndArray();
        if (i < items.Length) w.WriteString("nextCursor"u8, EncodeCursor(i));
        if (revision.ListResultsCarryCacheHints) server.CacheHint.WriteMembers(w);
        w.WriteEndObject();
        response.EndResult();
        return new(true);
    }

    private static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeCursor(string? cursor, int count)
    {
        if (cursor is null) return 0;
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int offset) && offset <= count)
                return offset;
        }
        catch (FormatException) { }
        throw new McpInvalidParamsException("Invalid cursor: pass the 'nextCursor' of the previous page unchanged.", "cursor");
    }

    private async ValueTask<bool> CallToolAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var call = ToolCallParams.Read(request.Params);
        var tool = server.Tools.Find(call.Name) ?? throw new McpInvalidParamsException($"Unknown tool: '{call.Name}'.", "name");
        context.ProgressToken = call.ProgressToken;

        int checkpoint = response.BeginResult(request.Id);
        try
        {
            await tool.InvokeAsync(context, call.Arguments.IsEmpty ? EmptyArguments : call.Arguments, response.Writer).ConfigureAwait(false);
        }
        catch (McpInvalidParamsException ex)
        {
            // Arguments that do not bind are a tool execution error the model can correct (SEP-1303), with the
            // binder's message naming the argument; an unknown tool or 'arguments' that is not an object stayed -32602 above.
            response.RollbackResult(checkpoint);
            WriteToolError(response.Writer, ex.Message);
        }
        catch (McpException)
        {
            throw; // explicit protocol errors are JSON-RPC errors
        }
        catch (Exception ex) when (context.Inputs is { HasPending: true } && IsInputRequired(ex))
        {
            throw; // the request ends with an input-required result, not a tool error
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // A failing tool is a result the model can see, not a protocol error.
            server.Logger.LogDebug(ex, "Tool {Tool} failed.", tool.Name);
            response.RollbackResult(checkpoint);
            WriteToolError(response.Writer, Describe(ex));
        }
        response.EndResult();
        return true;
    }

    private static void WriteToolError(Utf8JsonWriter w, string message)
    {
        w.WriteStartObject();
        w.WritePropertyName("content"u8);
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("type"u8, "text"u8);
        w.WriteString("text"u8, message);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("isError"u8, true);
        w.WriteEndObject();
    }

    private async ValueTask<bool> GetPromptAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var call = ToolCallParams.Read(request.Params);
        var prompt = server.Prompts.Find(call.Name) ?? throw new McpInvalidParamsException($"Unknown prompt: '{call.Name}'.", "name");
        context.ProgressToken = call.ProgressToken;
        response.BeginResult(request.Id);
        await prompt.InvokeAsync(context, call.Arguments.IsEmpty ? EmptyArguments : call.Arguments, response.Writer).ConfigureAwait(false);
        response.EndResult();
        return true;
    }

    private async ValueTask<bool> ReadResourceAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        string uri = RequiredString(request.Params.Span, "uri"u8, "uri");
        var resource = server.Resources.Find(uri);
        if (resource is not null)
        {
            if (context.Revision.ListResultsCarryCacheHints) response.ResultCacheHint = resource.CacheHint ?? server.CacheHint;
            response.BeginResult(request.Id);
            await resource.ReadAsync(context, uri, response.Writer).ConfigureAwait(false);
            response.EndResult();
            return true;
        }
        foreach (var template in server.ResourceTemplates.Items)
        {
            if (!template.Template.TryMatch(uri, out var variables)) continue;
            if (context.Revision.ListResultsCarryCacheHints) response.ResultCacheHint = template.CacheHint ?? server.CacheHint;
            response.BeginResult(request.Id);
            await template.ReadAsync(context, uri, variables, response.Writer).ConfigureAwait(false);
            response.EndResult();
            return true;
        }
        throw McpException.ResourceNotFound(context.Revision, uri);
    }

    /// <summary>The fixed resource or the first template that serves <paramref name="uri"/> (the one <c>resources/read</c> would read).</summary>
    internal static IReadOnlyList<string>? ScopesOfUri(McpServer server, string uri)
    {
        if (server.Resources.Find(uri) is { } resource) return resource.RequiredScopes;
        foreach (var template in server.ResourceTemplates.Items)
            if (template.Template.TryMatch(uri, out _)) return template.RequiredScopes;
        return null;
    }

    private static McpScopeDemand ToolScopes(McpServer server, JsonRpcMessage request) =>
        server.Tools.Find(ToolCallParams.Read(request.Params).Name) is { } tool ? new(tool.RequiredScopes, "tool", tool.Name) : McpScopeDemand.None;

    private static McpScopeDemand PromptScopes(McpServer server, JsonRpcMessage request) =>
        server.Prompts.Find(ToolCallParams.Read(request.Params).Name) is { } prompt ? new(prompt.RequiredScopes, "prompt", prompt.Name) : McpScopeDemand.None;

    private static McpScopeDemand ResourceScopes(McpServer server, JsonRpcMessage request)
    {
        string uri = RequiredString(request.Params.Span, "uri"u8, "uri");
        return ScopesOfUri(server, uri) is { } scopes ? new(scopes, "resource", uri) : McpScopeDemand.None;
    }

    /// <summary>Completing a prompt's or a resource's argument reveals what reading it would: it needs the same scopes.</summary>
    private static McpScopeDemand CompletionScopes(McpServer server, JsonRpcMessage request)
    {
        var p = CompleteParams.Read(request.Params.Span);
        if (p.RefType == "ref/prompt")
            return server.Prompts.Find(p.RefName ?? "") is { } prompt ? new(prompt.RequiredScopes, "prompt", prompt.Name) : McpScopeDemand.None;
        if (p.RefType == "ref/resource" && p.RefUri is { } uri)
        {
            if (server.ResourceTemplates.Find(uri) is { } template) return new(template.RequiredScopes, "resource", uri);
            if (server.Resources.Find(uri) is { } resource) return new(resource.RequiredScopes, "resource", uri);
        }
        return McpScopeDemand.None;
    }

    private static ValueTask<bool> Subscribe(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        // Where nothing is kept between requests (stateless HTTP) the subscription is acknowledged and not kept:
        // such a server has no stream to send updates on.
        context.ClientState.Subscriptions?.Subscribe(RequiredString(request.Params.Span, "uri"u8, "uri"));
        return WriteEmpty(response, request.Id);
    }

    private static ValueTask<bool> Unsubscribe(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        context.ClientState.Subscriptions?.Unsubscribe(RequiredString(request.Params.Span, "uri"u8, "uri"));
        return WriteEmpty(response, request.Id);
    }

    /// <summary>
    /// The handshake (<c>initialize</c>): negotiates the revision and hands the client's facts to its state. The only
    /// place that knows what <c>initialize</c> means.
    /// </summary>
    private static bool Initialize(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var state = context.ClientState;
        if (!state.AcceptsHandshake)
        {
            response.WriteError(request.Id, JsonRpcErrorCodes.InvalidRequest, "The session is already initialized: 'initialize' may be sent only once.");
            return true;
        }
        InitializeRequestParams? parameters;
        try
        {
            parameters = request.Params.IsEmpty ? null : JsonSerializer.Deserialize(request.Params.Span, McpJsonContext.Default.InitializeRequestParams);
        }
        catch (JsonException ex)
        {
            response.WriteError(request.Id, JsonRpcErrorCodes.InvalidParams, "Invalid params for 'initialize': " + McpJsonErrors.Describe(ex));
            return true;
        }
        if (parameters is null || string.IsNullOrEmpty(parameters.ProtocolVersion))
        {
            response.WriteError(request.Id, JsonRpcErrorCodes.InvalidParams, "Invalid params for 'initialize': 'protocolVersion' is required.");
            return true;
        }

        var revision = McpProtocolRevision.Negotiate(parameters.ProtocolVersion);
        if (!state.CompleteHandshake(revision, parameters.Capabilities ?? ClientCapabilities.None, parameters.ClientInfo))
        {
            response.WriteError(request.Id, JsonRpcErrorCodes.InvalidRequest, "The session is already initialized: 'initialize' may be sent only once.");
            return true;
        }
        var server = context.Server;
        var result = new InitializeResult
        {
            ProtocolVersion = revision.Version,
            Capabilities = server.GetCapabilities(),
            ServerInfo = server.Options.ServerInfo,
            Instructions = server.Options.Instructions,
        };
        response.Reset();
        JsonRpcWriter.WriteResponseStart(response.Writer, request.Id);
        JsonSerializer.Serialize(response.Writer, result, McpJsonContext.Default.InitializeResult);
        response.Writer.WriteEndObject();
        return true;
    }

    private async ValueTask<bool> CompleteAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var p = CompleteParams.Read(request.Params.Span);
        Completion completion;
        if (p.RefType == "ref/prompt")
        {
            var prompt = server.Prompts.Find(p.RefName ?? "") ?? throw new McpInvalidParamsException($"Unknown prompt: '{p.RefName}'.", "ref.name");
            completion = await prompt.CompleteAsync(context, p.ArgumentName, p.ArgumentValue, p.ContextArguments).ConfigureAwait(false);
        }
        else if (p.RefType == "ref/resource")
        {
            string uri = p.RefUri ?? "";
            var template = server.ResourceTemplates.Find(uri);
            if (template is not null)
                completion = await template.CompleteAsync(context, p.ArgumentName, p.ArgumentValue, p.ContextArguments).ConfigureAwait(false);
            else if (server.Resources.Find(uri) is not null)
                completion = Completion.Empty;
            else
                throw new McpInvalidParamsException($"Unknown resource or template: '{uri}'.", "ref.uri");
        }
        else
        {
            throw new McpInvalidParamsException($"Unknown reference type '{p.RefType}': use 'ref/prompt' or 'ref/resource'.", "ref.type");
        }

        response.BeginResult(request.Id);
        JsonSerializer.Serialize(response.Writer, new CompleteResult { Completion = Cap(completion) }, McpJsonContext.Default.CompleteResult);
        response.EndResult();
        return true;
    }

    private static Completion Cap(Completion completion) => completion.Values.Count <= 100 ? completion : new Completion
    {
        Values = completion.Values.Take(100).ToArray(),
        Total = completion.Total ?? completion.Values.Count,
        HasMore = true,
    };

    private static ValueTask<bool> SetLevel(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        string level = RequiredString(request.Params.Span, "level"u8, "level");
        if (!LoggingLevels.TryParse(level, out var parsed))
            throw new McpInvalidParamsException($"Unknown log level '{level}': use debug, info, notice, warning, error, critical, alert or emergency.", "level");
        context.ClientState.SetLogLevel(parsed);
        return WriteEmpty(response, request.Id);
    }

    private static string? ReadCursor(ReadOnlySpan<byte> json) => OptionalString(json, "cursor"u8, "cursor");

    internal static string RequiredString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, string path) =>
        OptionalString(json, name, path) ?? throw new McpInvalidParamsException($"Missing required parameter '{path}'.", path);

    private static string? OptionalString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, string path)
    {
        if (json.IsEmpty) return null;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(name);
            reader.Read();
            if (!match) { reader.Skip(); continue; }
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String) throw new McpInvalidParamsException($"Parameter '{path}' must be a string.", path);
            return reader.GetString();
        }
        return null;
    }
}
