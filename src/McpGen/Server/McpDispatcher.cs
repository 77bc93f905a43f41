using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Microsoft.Extensions.Logging;

namespace McpGen;

/// <summary>
/// Request-scoped dispatch: method name to handler, for every method except <c>initialize</c> (which belongs to
/// the session layer). It sees only the <see cref="McpRequestContext"/>, never session internals, so the same
/// code serves sessions and stateless requests.
/// </summary>
internal sealed class McpDispatcher(McpServer server)
{
    private static readonly byte[] EmptyArguments = "{}"u8.ToArray();

    /// <summary>Writes the complete response (result or error) to <paramref name="response"/>.</summary>
    /// <returns><see langword="false"/> when no response must be sent (the client cancelled the request).</returns>
    public async ValueTask<bool> DispatchAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var id = request.Id;
        try
        {
            switch (request.Method)
            {
                case "ping":
                    WriteEmpty(response, id);
                    return true;
                case "tools/list":
                    WriteList(response, id, "tools"u8, server.Tools.Items, ReadCursor(request.Params.Span), context.User, static t => t.RequiredScopes, static (t, w) => t.WriteDefinition(w));
                    return true;
                case "tools/call":
                    return await CallToolAsync(context, request, response).ConfigureAwait(false);
                case "prompts/list":
                    WriteList(response, id, "prompts"u8, server.Prompts.Items, ReadCursor(request.Params.Span), context.User, static p => p.RequiredScopes, static (p, w) => p.WriteDefinition(w));
                    return true;
                case "prompts/get":
                    await GetPromptAsync(context, request, response).ConfigureAwait(false);
                    return true;
                case "resources/list":
                    WriteList(response, id, "resources"u8, server.Resources.Items, ReadCursor(request.Params.Span), context.User, static r => r.RequiredScopes, static (r, w) => r.WriteDefinition(w));
                    return true;
                case "resources/templates/list":
                    WriteList(response, id, "resourceTemplates"u8, server.ResourceTemplates.Items, ReadCursor(request.Params.Span), context.User, static t => t.RequiredScopes, static (t, w) => t.WriteDefinition(w));
                    return true;
                case "resources/read":
                    await ReadResourceAsync(context, request, response).ConfigureAwait(false);
                    return true;
                case "resources/subscribe":
                    context.Session?.Subscribe(RequiredString(request.Params.Span, "uri"u8, "uri"));
                    WriteEmpty(response, id);
                    return true;
                case "resources/unsubscribe":
                    context.Session?.Unsubscribe(RequiredString(request.Params.Span, "uri"u8, "uri"));
                    WriteEmpty(response, id);
                    return true;
                case "completion/complete":
                    await CompleteAsync(context, request, response).ConfigureAwait(false);
                    return true;
                case "logging/setLevel":
                    SetLevel(context, request, response);
                    return true;
                case "initialize":
                    response.WriteError(id, JsonRpcErrorCodes.InvalidRequest, "'initialize' may be sent only once, as the first request of a session.");
                    return true;
                default:
                    response.WriteError(id, JsonRpcErrorCodes.MethodNotFound, $"Method not found: '{request.Method}'.");
                    return true;
            }
        }
        catch (McpException ex)
        {
            response.WriteError(id, ex.ErrorCode, ex.Message);
            return true;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            return false; // cancelled by the client (no response, per the spec) or the session ended
        }
        catch (JsonException ex)
        {
            response.WriteError(id, JsonRpcErrorCodes.InvalidParams, $"Invalid params for '{request.Method}': {ex.Message}");
            return true;
        }
        catch (Exception ex)
        {
            server.Logger.LogError(ex, "Handler for {Method} failed.", request.Method);
            response.WriteError(id, JsonRpcErrorCodes.InternalError, $"Internal error in '{request.Method}': {Describe(ex)}");
            return true;
        }
    }

    private string Describe(Exception ex) => server.Options.IncludeExceptionDetails ? ex.ToString() : ex.Message;

    private static void WriteEmpty(JsonMessageBuffer response, RequestId id)
    {
        response.BeginResult(id);
        response.Writer.WriteStartObject();
        response.Writer.WriteEndObject();
        response.EndResult();
    }

    /// <summary>
    /// Writes one page of a list. Items the request's user lacks scopes for are left out (they do not count towards
    /// the page size); cursors stay offsets into the full list, so pages do not shift when scopes differ.
    /// </summary>
    private void WriteList<T>(JsonMessageBuffer response, RequestId id, ReadOnlySpan<byte> propertyName, T[] items, string? cursor,
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
        w.WriteEndObject();
        response.EndResult();
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
        McpScopes.Demand(context, tool.RequiredScopes, "tool", tool.Name);
        context.ProgressToken = call.ProgressToken;

        int checkpoint = response.BeginResult(request.Id);
        try
        {
            await tool.InvokeAsync(context, call.Arguments.IsEmpty ? EmptyArguments : call.Arguments, response.Writer).ConfigureAwait(false);
        }
        catch (McpException)
        {
            throw; // argument binding errors and explicit protocol errors are JSON-RPC errors
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

    private async ValueTask GetPromptAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        var call = ToolCallParams.Read(request.Params);
        var prompt = server.Prompts.Find(call.Name) ?? throw new McpInvalidParamsException($"Unknown prompt: '{call.Name}'.", "name");
        McpScopes.Demand(context, prompt.RequiredScopes, "prompt", prompt.Name);
        context.ProgressToken = call.ProgressToken;
        response.BeginResult(request.Id);
        await prompt.InvokeAsync(context, call.Arguments.IsEmpty ? EmptyArguments : call.Arguments, response.Writer).ConfigureAwait(false);
        response.EndResult();
    }

    private async ValueTask ReadResourceAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        string uri = RequiredString(request.Params.Span, "uri"u8, "uri");
        var resource = server.Resources.Find(uri);
        if (resource is not null)
        {
            McpScopes.Demand(context, resource.RequiredScopes, "resource", uri);
            response.BeginResult(request.Id);
            await resource.ReadAsync(context, uri, response.Writer).ConfigureAwait(false);
            response.EndResult();
            return;
        }
        foreach (var template in server.ResourceTemplates.Items)
        {
            if (!template.Template.TryMatch(uri, out var variables)) continue;
            McpScopes.Demand(context, template.RequiredScopes, "resource", uri);
            response.BeginResult(request.Id);
            await template.ReadAsync(context, uri, variables, response.Writer).ConfigureAwait(false);
            response.EndResult();
            return;
        }
        throw new McpException(JsonRpcErrorCodes.ResourceNotFound, $"Resource not found: '{uri}'.");
    }

    private async ValueTask CompleteAsync(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
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
    }

    private static Completion Cap(Completion completion) => completion.Values.Count <= 100 ? completion : new Completion
    {
        Values = completion.Values.Take(100).ToArray(),
        Total = completion.Total ?? completion.Values.Count,
        HasMore = true,
    };

    private static void SetLevel(McpRequestContext context, JsonRpcMessage request, JsonMessageBuffer response)
    {
        string level = RequiredString(request.Params.Span, "level"u8, "level");
        if (!LoggingLevels.TryParse(level, out var parsed))
            throw new McpInvalidParamsException($"Unknown log level '{level}': use debug, info, notice, warning, error, critical, alert or emergency.", "level");
        if (context.Session is not null) context.Session.LogLevel = parsed;
        WriteEmpty(response, request.Id);
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
