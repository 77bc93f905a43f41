using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace McpGen.Binding;

/// <summary>ISO 8601 durations (<c>P1DT2H30M15.5S</c>), the text of JSON Schema's <c>duration</c> format, for <see cref="TimeSpan"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IsoDuration
{
    /// <summary>Parses weeks, days, hours, minutes and (fractional) seconds; years and months have no fixed length and are refused.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        int i = 0;
        bool negative = text[0] == '-';
        if (negative || text[0] == '+') i++;
        if (i >= text.Length || text[i] != 'P') return false;
        i++;
        bool inTime = false, any = false;
        decimal ticks = 0;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime) return false;
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ',')) i++;
            if (i == start || i >= text.Length) return false;
            if (!decimal.TryParse(text.AsSpan(start, i - start).ToString().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal n)) return false;
            char unit = text[i++];
            decimal perUnit = (inTime, unit) switch
            {
                (false, 'W') => TimeSpan.TicksPerDay * 7m,
                (false, 'D') => TimeSpan.TicksPerDay,
                (true, 'H') => TimeSpan.TicksPerHour,
                (true, 'M') => TimeSpan.TicksPerMinute,
                (true, 'S') => TimeSpan.TicksPerSecond,
                _ => -1,
            };
            if (perUnit < 0) return false;
            ticks += n * perUnit;
            any = true;
        }
        if (!any || ticks > TimeSpan.MaxValue.Ticks) return false;
        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>Formats as an ISO 8601 duration, e.g. <c>P1DT2H30M</c>, <c>PT0.5S</c>, <c>PT0S</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var sb = new StringBuilder();
        if (value < TimeSpan.Zero) { sb.Append('-'); value = value.Duration(); }
        sb.Append('P');
        if (value.Days > 0) sb.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        long subDay = value.Ticks % TimeSpan.TicksPerDay;
        if (subDay > 0 || value.Days == 0)
        {
            sb.Append('T');
            if (value.Hours > 0) sb.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            if (value.Minutes > 0) sb.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            long secondTicks = subDay % TimeSpan.TicksPerMinute;
            if (secondTicks > 0 || subDay == 0)
                sb.Append((secondTicks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        }
        return sb.ToString();
    }
}
