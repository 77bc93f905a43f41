using System.Buffers;
using System.Text.Json;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Microsoft.AspNetCore.Http;

namespace McpGen.AspNetCore;

/// <summary>
/// The JSON-RPC error bodies of refusals made by the HTTP layer (before any MCP processing). Every refusal goes through
/// here, so each carries the request's id when the body was read and the id was readable. Without one (a GET, a
/// DELETE, an unreadable body), the <c>id</c> member is left out, as the 2025-11-25 schema allows
/// (<c>JSONRPCErrorResponse.id</c> is optional); a request that declares an older revision, whose schema requires
/// <c>id</c>, gets JSON-RPC 2.0's <c>"id": null</c>.
/// </summary>
internal static class HttpErrors
{
    private const string VersionHeader = "MCP-Protocol-Version";

    public static async Task WriteAsync(HttpContext context, int status, int code, string message, RequestId id = default, ReadOnlyMemory<byte> data = default)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            if (!id.IsEmpty)
            {
                writer.WritePropertyName("id"u8);
                id.WriteTo(writer);
            }
            else if (IdRequiredBy(context.Request.Headers[VersionHeader]))
            {
                writer.WriteNull("id"u8);
            }
            writer.WriteStartObject("error"u8);
            writer.WriteNumber("code"u8, code);
            writer.WriteString("message"u8, message);
            if (!data.IsEmpty)
            {
                writer.WritePropertyName("data"u8);
                writer.WriteRawValue(data.Span, skipInputValidation: true); // reflection-free: data rendered by the core
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Revisions before 2025-11-25 make <c>id</c> required in an error response (<see cref="McpProtocolRevision.ErrorResponsesRequireId"/>).</summary>
    private static bool IdRequiredBy(string? version) => McpProtocolRevision.Find(version)?.ErrorResponsesRequireId == true;
}
