using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpGen.Binding;

/// <summary>
/// Readers for generated argument binders: each reads the value the reader is positioned on, or throws an
/// <see cref="McpInvalidParamsException"/> saying what was expected (the binder adds the argument's path).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpArgs
{
    /// <summary>An argument that must be present is missing.</summary>
    public static McpInvalidParamsException Missing(string name) => McpInvalidParamsException.At(name, "is required but missing.");

    /// <summary>
    /// A property the object does not have (strict arguments): names it and the closest known name.
    /// <paramref name="known"/> lists the known JSON names separated by '|'; it is split only on this error path.
    /// </summary>
    public static McpInvalidParamsException Unknown(ref Utf8JsonReader reader, string known)
    {
        string name = reader.GetString() ?? "";
        string? closest = null;
        int best = int.MaxValue;
        foreach (var candidate in known.Split('|'))
        {
            if (candidate.Length == 0) continue;
            int distance = Distance(name, candidate);
            if (distance < best) { best = distance; closest = candidate; }
        }
        bool near = closest is not null && best <= Math.Max(2, closest.Length / 3);
        string problem = near ? $"is not a known property: did you mean '{closest}'?"
            : known.Length == 0 ? "is not a known property: this object takes none." : $"is not a known property: expected one of '{known.Replace("|", "', '")}'.";
        return McpInvalidParamsException.At(name, problem);
    }

    /// <summary>
    /// The failure <paramref name="inner"/> of member <paramref name="at"/> of a member table, with the member's name
    /// in front of its path (the error path only).
    /// </summary>
    internal static McpInvalidParamsException Prepend(McpInvalidParamsException inner, ReadOnlySpan<byte> names, string lengths, int at)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        return McpInvalidParams.Prepend(inner, MemberName(names, lengths, at));
    }

    /// <summary>The index in the member table of the property name at <paramref name="reader"/>, or -1.</summary>
    internal static int FindMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> names, string lengths)
    {
        int start = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            int length = lengths[i];
            if (reader.ValueTextEquals(names.Slice(start, length))) return i;
            start += length;
        }
        return -1;
    }

    /// <summary>The JSON name of member <paramref name="at"/> of a member table.</summary>
    internal static string MemberName(ReadOnlySpan<byte> names, string lengths, int at)
    {
        int start = 0;
        for (int i = 0; i < at; i++) start += lengths[i];
        return Encoding.UTF8.GetString(names.Slice(start, lengths[at]));
    }

    /// <summary>The names of a member table joined by '|' (for <see cref="Unknown"/>).</summary>
    internal static string KnownMembers(ReadOnlySpan<byte> names, string lengths)
    {
        var known = new StringBuilder();
        int start = 0;
        foreach (char length in lengths)
        {
            if (known.Length > 0) known.Append('|');
            known.Append(Encoding.UTF8.GetString(names.Slice(start, length)));
            start += length;
        }
        return known.ToString();
    }

    /// <summary>Strict arguments of a tool without parameters: anything but an empty object is an unknown property.</summary>
    public static void ExpectNoArguments(ReadOnlyMemory<byte> arguments)
    {
        var reader = new Utf8JsonReader(arguments.Span);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            throw Unknown(ref reader, "");
    }

    // Levenshtein distance, ignoring case (dryrun -> dryRun is 0 apart but still wrong: case matters in JSON).
    private static int Distance(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase)) return 0;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>
    /// The value at the reader has the wrong JSON type; a JSON null is "must not be null" (so generated binders call a
    /// reader directly for a non-nullable value, without a null check of their own).
    /// </summary>
    public static McpInvalidParamsException Expected(ref Utf8JsonReader reader, string expected) =>
        reader.TokenType == JsonTokenType.Null ? NullNotAllowed() : McpInvalidParamsException.At("", $"expected {expected}, got {Describe(ref reader)}.");

    /// <summary>A value that fails a constraint.</summary>
    public static McpInvalidParamsException Invalid(string problem) => McpInvalidParamsException.At("", problem);

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "the number " + Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Expected(ref reader, "a boolean"),
    };

    /// <summary>Reads a whole number within [<paramref name="min"/>, <paramref name="max"/>] (<c>2.0</c> counts as 2, as JSON Schema says).</summary>
    public static long ReadInteger(ref Utf8JsonReader reader, long min, long max, string typeName)
    {
        if (reader.TokenType != JsonTokenType.Number) throw Expected(ref reader, "an integer");
        if (reader.TryGetInt64(out long value))
        {
            if (value < min || value > max) throw Invalid($"{value} is out of range for {typeName} ({min} to {max}).");
            return value;
        }
        if (reader.TryGetDouble(out double d) && Math.Floor(d) == d && !double.IsInfinity(d))
        {
            if (d < min || d > max) throw Invalid($"{d.ToString(CultureInfo.InvariantCulture)} is out of range for {typeName} ({min} to {max}).");
            return (long)d;
        }
        throw Expected(ref reader, "an integer");
    }

    /// <summary>Reads a whole number up to <see cref="ulong.MaxValue"/>.</summary>
    public static ulong ReadUInt64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number) throw Expected(ref reader, "an integer");
        if (reader.TryGetUInt64(out ulong value)) return value;
        if (reader.TryGetDouble(out double d) && Math.Floor(d) == d && d >= 0 && d <= ulong.MaxValue) return (ulong)d;
        throw Invalid("expected an integer from 0 to 18446744073709551615.");
    }

    /// <summary>Reads an <see cref="sbyte"/>.</summary>
    public static sbyte ReadSByte(ref Utf8JsonReader reader) => (sbyte)ReadInteger(ref reader, sbyte.MinValue, sbyte.MaxValue, "sbyte");

    /// <summary>Reads a <see cref="byte"/>.</summary>
    public static byte ReadByte(ref Utf8JsonReader reader) => (byte)ReadInteger(ref reader, byte.MinValue, byte.MaxValue, "byte");

    /// <summary>Reads a <see cref="short"/>.</summary>
    public static short ReadInt16(ref Utf8JsonReader reader) => (short)ReadInteger(ref reader, short.MinValue, short.MaxValue, "short");

    /// <summary>Reads a <see cref="ushort"/>.</summary>
    public static ushort ReadUInt16(ref Utf8JsonReader reader) => (ushort)ReadInteger(ref reader, ushort.MinValue, ushort.MaxValue, "ushort");

    /// <summary>Reads an <see cref="int"/>.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value)) return value; // the fast path
        return (int)ReadInteger(ref reader, int.MinValue, int.MaxValue, "int");
    }

    /// <summary>Reads a <see cref="uint"/>.</summary>
    public static uint ReadUInt32(ref Utf8JsonReader reader) => (uint)ReadInteger(ref reader, uint.MinValue, uint.MaxValue, "uint");

    /// <summary>Reads a <see cref="long"/>.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader) => ReadInteger(ref reader, long.MinValue, long.MaxValue, "long");

    /// <summary>Reads a <see cref="double"/> (finite).</summary>
    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number) throw Expected(ref reader, "a number");
        if (reader.TryGetDouble(out double value) && double.IsFinite(value)) return value;
        throw Invalid("the number is out of range for double.");
    }

    /// <summary>Reads a <see cref="float"/> (finite).</summary>
    public static float ReadSingle(ref Utf8JsonReader reader)
    {
        double value = ReadDouble(ref reader);
        if (value is > float.MaxValue or < float.MinValue) throw Invalid("the number is out of range for float.");
        return (float)value;
    }

    /// <summary>Reads a <see cref="decimal"/>.</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number) throw Expected(ref reader, "a number");
        if (reader.TryGetDecimal(out decimal value)) return value;
        throw Invalid("the number is out of range for decimal.");
    }

    /// <summary>Reads a string.</summary>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw Expected(ref reader, "a string");
        return reader.GetString()!;
    }

    /// <summary>Reads a one-character string.</summary>
    public static char ReadChar(ref Utf8JsonReader reader)
    {
        string s = ReadString(ref reader);
        if (s.Length != 1) throw Invalid("expected a single character.");
        return s[0];
    }

    /// <summary>Reads a UUID string.</summary>
    public static Guid ReadGuid(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw Expected(ref reader, "a UUID string");
        // Only the 8-4-4-4-12 form format: uuid states (either case), which is what TryGetGuid reads; Guid.TryParse
        // would also take braces, 32 bare digits and surrounding white space, which the schema rejects.
        if (reader.TryGetGuid(out Guid value)) return value;
        throw Invalid("expected a UUID such as \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\".");
    }

    /// <summary>Reads an RFC 3339 date-time string.</summary>
    public static DateTime ReadDateTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw Expected(ref reader, "a date-time string");
        if (reader.TryGetDateTime(out DateTime value)) return value;
        if (UpperCased(ref reader) is { } upper && new Utf8JsonReader(upper) is var again && again.Read() && again.TryGetDateTime(out value)) return value;
        throw Invalid("expected an RFC 3339 date-time such as \"2025-11-25T10:30:00Z\".");
    }

    /// <summary>Reads an RFC 3339 date-time string with its offset.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw Expected(ref reader, "a date-time string");
        if (reader.TryGetDateTimeOffset(out DateTimeOffset value)) return value;
        if (UpperCased(ref reader) is { } upper && new Utf8JsonReader(upper) is var again && again.Read() && again.TryGetDateTimeOffset(out value)) return value;
        throw Invalid("expected an RFC 3339 date-time such as \"2025-11-25T10:30:00+01:00\".");
    }

    // RFC 3339 (section 5.6) allows a lower-case "t" and "z", which format: date-time (and ajv) accepts and
    // Utf8JsonReader does not: on the error path only, the value is read again in upper case (as a JSON string, so
    // that it gets exactly the reader's rules otherwise).
    private static byte[]? UpperCased(ref Utf8JsonReader reader)
    {
        string s = reader.GetString()!;
        return s.Length > 10 && (s[10] == 't' || s[^1] == 'z') ? Encoding.UTF8.GetBytes("\"" + s.ToUpperInvariant() + "\"") : null;
    }

    /// <summary>Reads a full-date string (<c>yyyy-MM-dd</c>).</summary>
    public static DateOnly ReadDateOnly(ref Utf8JsonReader reader)
    {
        string s = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Expected(ref reader, "a date string");
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return value;
        throw Invalid("expected a date such as \"2025-11-25\".");
    }

    /// <summary>Reads a time string (<c>HH:mm:ss</c>, fraction allowed).</summary>
    public static TimeOnly ReadTimeOnly(ref Utf8JsonReader reader)
    {
        string s = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Expected(ref reader, "a time string");
        if (TimeOnly.TryParseExact(s, ["HH:mm:ss", "HH:mm:ss.FFFFFFF", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return value;
        throw Invalid("expected a time such as \"14:30:00\".");
    }

    /// <summary>Reads an ISO 8601 duration (<c>P1DT2H30M</c>); <c>d.hh:mm:ss</c> is accepted too.</summary>
    public static TimeSpan ReadTimeSpan(ref Utf8JsonReader reader)
    {
        string s = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Expected(ref reader, "a duration string");
        if (IsoDuration.TryParse(s, out var value)) return value;
        throw Invalid("expected an ISO 8601 duration of days, hours, minutes and seconds such as \"PT1H30M\" or \"P2DT0.5S\" (no years or months).");
    }

    /// <summary>Reads an absolute URI string.</summary>
    public static Uri ReadUri(ref Utf8JsonReader reader)
    {
        string s = ReadString(ref reader);
        if (IsUriText(s) && Uri.TryCreate(s, UriKind.Absolute, out var uri)) return uri;
        throw Invalid("expected an absolute URI.");
    }

    /// <summary>
    /// Whether the text is spelled as format: uri (RFC 3986) requires: a scheme, then only URI characters (no white
    /// space, no unescaped non-ASCII). <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> alone also takes a Unix
    /// path ("/tmp/x" as a file URI), surrounding white space and IRIs, which the schema rejects.
    /// </summary>
    internal static bool IsUriText(string s)
    {
        int colon = s.IndexOf(':');
        if (colon < 1 || !char.IsAsciiLetter(s[0])) return false;
        for (int i = 1; i < colon; i++)
            if (!(char.IsAsciiLetterOrDigit(s[i]) || s[i] is '+' or '-' or '.')) return false;
        foreach (char c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".Contains(c))) return false;
        return true;
    }

    /// <summary>Reads base64 bytes.</summary>
    public static byte[] ReadBytes(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw Expected(ref reader, "a base64 string");
        if (reader.TryGetBytesFromBase64(out var bytes)) return bytes;
        throw Invalid("expected base64-encoded bytes.");
    }

    /// <summary>Reads any JSON value.</summary>
    public static JsonElement ReadJsonElement(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>Reads any JSON value as a node (<see langword="null"/> for JSON null).</summary>
    public static JsonNode? ReadJsonNode(ref Utf8JsonReader reader) => JsonNode.Parse(ref reader);

    /// <summary>Throws unless the reader is on <c>{</c>.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Expected(ref reader, "an object");
    }

    /// <summary>Throws unless the reader is on <c>[</c>.</summary>
    public static void ExpectArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Expected(ref reader, "an array");
    }

    /// <summary>Throws for JSON null where a value is required.</summary>
    public static McpInvalidParamsException NullNotAllowed() => Invalid("must not be null.");

    /// <summary>Reads a prompt or template argument (always a string on the wire) converted to a number, boolean and so on.</summary>
    public static McpInvalidParamsException CannotConvert(string value, string expected) => Invalid($"'{value}' is not {expected}.");
}
