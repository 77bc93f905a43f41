using System.Text.Json;
using McpGen.Protocol;

namespace Everything;

/// <summary>The reference server's payloads.</summary>
internal static class Media
{
    /// <summary>A 1x1 red PNG.</summary>
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    /// <summary>A minimal WAV.</summary>
    public const string Wav = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";
}

/// <summary>How the reference server reports an elicitation's answer.</summary>
internal static class Elicited
{
    public static string Action(ElicitResult result) => result.Action switch
    {
        ElicitAction.Accept => "accept",
        ElicitAction.Decline => "decline",
        _ => "cancel",
    };

    public static string ContentJson(ElicitResult result)
    {
        if (result.Content is null) return "{}";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in result.Content)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
