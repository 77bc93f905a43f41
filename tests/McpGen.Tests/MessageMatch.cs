using System.Text.Json;

namespace McpGen.Tests;

internal static class MessageMatch
{
    public static bool IsMethod(this JsonElement m, string method) => m.TryGetProperty("method", out var me) && me.GetString() == method;

    public static bool IsResponseTo(this JsonElement m, int id) =>
        !m.TryGetProperty("method", out _) && m.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.Number && i.GetInt32() == id;

    public static string Text(this JsonElement result, int index = 0) => result.GetProperty("content")[index].GetProperty("text").GetString()!;
}
