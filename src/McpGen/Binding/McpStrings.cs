using System.ComponentModel;
using System.Globalization;

namespace McpGen.Binding;

/// <summary>
/// Conversions for prompt arguments and URI template variables, which are strings on the wire, to the parameter's
/// type. Each throws an <see cref="McpInvalidParamsException"/> naming what was expected.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpStrings
{
    /// <summary>Parses a whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static long ToInteger(string s, long min, long max)
    {
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) && v >= min && v <= max) return v;
        throw McpArgs.CannotConvert(s, $"an integer from {min} to {max}");
    }

    /// <summary>Parses an unsigned 64-bit integer.</summary>
    public static ulong ToUInt64(string s) =>
        ulong.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v) ? v : throw McpArgs.CannotConvert(s, "a non-negative integer");

    /// <summary>Parses a number.</summary>
    public static double ToDouble(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : throw McpArgs.CannotConvert(s, "a number");

    /// <summary>Parses a number as <see cref="float"/>.</summary>
    public static float ToSingle(string s) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v) ? v : throw McpArgs.CannotConvert(s, "a number");

    /// <summary>Parses a number as <see cref="decimal"/>.</summary>
    public static decimal ToDecimal(string s) =>
        decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v) ? v : throw McpArgs.CannotConvert(s, "a number");

    /// <summary>Parses <c>true</c> or <c>false</c> (any case).</summary>
    public static bool ToBoolean(string s) => bool.TryParse(s, out bool v) ? v : throw McpArgs.CannotConvert(s, "true or false");

    /// <summary>A one-character string.</summary>
    public static char ToChar(string s) => s.Length == 1 ? s[0] : throw McpArgs.CannotConvert(s, "a single character");

    /// <summary>Parses a UUID.</summary>
    public static Guid ToGuid(string s) => Guid.TryParse(s, out var v) ? v : throw McpArgs.CannotConvert(s, "a UUID");

    /// <summary>Parses an RFC 3339 date-time.</summary>
    public static DateTime ToDateTime(string s) =>
        DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var v) ? v : throw McpArgs.CannotConvert(s, "a date-time");

    /// <summary>Parses an RFC 3339 date-time with offset.</summary>
    public static DateTimeOffset ToDateTimeOffset(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : throw McpArgs.CannotConvert(s, "a date-time");

    /// <summary>Parses <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly ToDateOnly(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : throw McpArgs.CannotConvert(s, "a date (yyyy-MM-dd)");

    /// <summary>Parses <c>HH:mm[:ss[.fffffff]]</c>.</summary>
    public static TimeOnly ToTimeOnly(string s) =>
        TimeOnly.TryParseExact(s, ["HH:mm:ss", "HH:mm:ss.FFFFFFF", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v : throw McpArgs.CannotConvert(s, "a time (HH:mm:ss)");

    /// <summary>Parses an ISO 8601 duration (or <c>d.hh:mm:ss</c>).</summary>
    public static TimeSpan ToTimeSpan(string s) =>
        IsoDuration.TryParse(s, out var v) ? v : throw McpArgs.CannotConvert(s, "an ISO 8601 duration");

    /// <summary>Parses an absolute URI.</summary>
    public static Uri ToUri(string s) => Uri.TryCreate(s, UriKind.Absolute, out var v) ? v : throw McpArgs.CannotConvert(s, "an absolute URI");

    /// <summary>Reads a prompt argument: JSON strings only.</summary>
    public static string ReadArgument(ref System.Text.Json.Utf8JsonReader reader) =>
        reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString()! : throw McpArgs.Expected(ref reader, "a string (prompt arguments are strings)");
}
