using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace McpGen.Binding;

/// <summary>Writers for values whose JSON text System.Text.Json does not write the way their schema says.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpJsonValues
{
    /// <summary>Writes a date as <c>yyyy-MM-dd</c> (JSON Schema <c>date</c>).</summary>
    public static void WriteDateOnly(Utf8JsonWriter w, DateOnly value) => w.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Writes a time as <c>HH:mm:ss.FFFFFFF</c> (JSON Schema <c>time</c>).</summary>
    public static void WriteTimeOnly(Utf8JsonWriter w, TimeOnly value) => w.WriteStringValue(value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'));

    /// <summary>Writes an ISO 8601 duration (JSON Schema <c>duration</c>).</summary>
    public static void WriteTimeSpan(Utf8JsonWriter w, TimeSpan value) => w.WriteStringValue(IsoDuration.Format(value));

    /// <summary>Writes a character as a one-character string.</summary>
    public static void WriteChar(Utf8JsonWriter w, char value)
    {
        Span<char> one = [value];
        w.WriteStringValue(one);
    }
}
