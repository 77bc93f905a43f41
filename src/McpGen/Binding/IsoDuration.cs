using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace McpGen.Binding;

/// <summary>ISO 8601 durations (<c>P1DT2H30M15.5S</c>) for <see cref="TimeSpan"/>: one language for schema, binder and writer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IsoDuration
{
    /// <summary>
    /// The language of <see cref="TimeSpan"/> values, as a JSON Schema <c>pattern</c> (ECMA-262): an optional '-', then
    /// <c>PnW</c> alone, or <c>PnD</c> and/or <c>T</c> with hours, minutes and seconds (seconds may have up to 7
    /// fractional digits, a tick). Years and months are left out: they have no fixed length. <see cref="TryParse"/>
    /// accepts exactly this language (minus values beyond <see cref="TimeSpan.MaxValue"/>) and <see cref="Format"/>
    /// writes only within it, so schema, binder and writer agree.
    /// </summary>
    public const string Pattern = "^-?P(?:[0-9]+W|(?=[0-9]|T[0-9])(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]{1,7})?S)?)?)$";

    /// <summary>Parses a duration in the language of <see cref="Pattern"/>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text)) return false;
        int i = 0;
        bool negative = text[0] == '-';
        if (negative) i++;
        if (i >= text.Length || text[i] != 'P') return false;
        i++;
        decimal ticks = 0;
        int components = 0;
        if (Component(text, ref i, 'W', TimeSpan.TicksPerDay * 7m, fraction: false, ref ticks, ref components))
        {
            if (i != text.Length) return false; // weeks stand alone
        }
        else
        {
            Component(text, ref i, 'D', TimeSpan.TicksPerDay, fraction: false, ref ticks, ref components);
            if (i < text.Length && text[i] == 'T')
            {
                i++;
                int before = components;
                Component(text, ref i, 'H', TimeSpan.TicksPerHour, fraction: false, ref ticks, ref components);
                Component(text, ref i, 'M', TimeSpan.TicksPerMinute, fraction: false, ref ticks, ref components);
                Component(text, ref i, 'S', TimeSpan.TicksPerSecond, fraction: true, ref ticks, ref components);
                if (components == before) return false; // "T" needs a component
            }
        }
        if (components == 0 || i != text.Length || ticks > TimeSpan.MaxValue.Ticks) return false;
        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    // Reads "digits[.digits]unit" at i when it is there (i is left alone otherwise).
    private static bool Component(string text, ref int i, char unit, decimal perUnit, bool fraction, ref decimal ticks, ref int components)
    {
        int j = i;
        while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
        if (j == i) return false;
        int end = j;
        if (fraction && j < text.Length && text[j] == '.')
        {
            int k = j + 1;
            while (k < text.Length && char.IsAsciiDigit(text[k])) k++;
            if (k == j + 1 || k - j - 1 > 7) return false;
            end = k;
        }
        if (end >= text.Length || text[end] != unit) return false;
        if (end - i > 28 || !decimal.TryParse(text.AsSpan(i, end - i), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal n)) return false;
        ticks += n * perUnit;
        components++;
        i = end + 1;
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
