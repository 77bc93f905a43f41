using System.Globalization;
using System.Text.Json;

namespace McpGen;

/// <summary>
/// Typed getters for the arguments object a hand-written tool receives (<see cref="McpTool.Create"/>). A missing
/// required argument, or one of the wrong JSON type, throws <see cref="McpInvalidParamsException"/>, which the
/// server answers with JSON-RPC -32602 naming the argument, exactly as a generated binder does:
/// <c>Invalid argument 'name': is required but missing.</c>
/// </summary>
/// <remarks>
/// An optional argument that is absent or <c>null</c> gives the default; present with the wrong type, it is an
/// error too (a client that sends <c>"days": "three"</c> learns about it instead of silently getting the default).
/// </remarks>
public static class McpToolArguments
{
    /// <summary>The string argument <paramref name="name"/>; -32602 when it is missing or not a string.</summary>
    public static string GetRequiredString(this JsonElement arguments, string name)
        => ReadString(Required(arguments, name), name);

    /// <summary>The string argument <paramref name="name"/>, or <paramref name="defaultValue"/> when it is absent or <c>null</c>.</summary>
    public static string? GetOptionalString(this JsonElement arguments, string name, string? defaultValue = null)
        => TryGet(arguments, name, out var value) ? ReadString(value, name) : defaultValue;

    /// <summary>The boolean argument <paramref name="name"/>; -32602 when it is missing or not <c>true</c>/<c>false</c>.</summary>
    public static bool GetRequiredBoolean(this JsonElement arguments, string name)
        => ReadBoolean(Required(arguments, name), name);

    /// <summary>The boolean argument <paramref name="name"/>, or <paramref name="defaultValue"/> when it is absent or <c>null</c>.</summary>
    public static bool GetOptionalBoolean(this JsonElement arguments, string name, bool defaultValue = false)
        => TryGet(arguments, name, out var value) ? ReadBoolean(value, name) : defaultValue;

    /// <summary>The integer argument <paramref name="name"/> (<c>2.0</c> counts as 2); -32602 when it is missing, not a whole number or out of range.</summary>
    public static int GetRequiredInt32(this JsonElement arguments, string name)
        => (int)ReadInteger(Required(arguments, name), name, int.MinValue, int.MaxValue, "int");

    /// <summary>The integer argument <paramref name="name"/>, or <paramref name="defaultValue"/> when it is absent or <c>null</c>.</summary>
    public static int GetOptionalInt32(this JsonElement arguments, string name, int defaultValue = 0)
        => TryGet(arguments, name, out var value) ? (int)ReadInteger(value, name, int.MinValue, int.MaxValue, "int") : defaultValue;

    /// <summary>The integer argument <paramref name="name"/>; -32602 when it is missing, not a whole number or out of range.</summary>
    public static long GetRequiredInt64(this JsonElement arguments, string name)
        => ReadInteger(Required(arguments, name), name, long.MinValue, long.MaxValue, "long");

    /// <summary>The integer argument <paramref name="name"/>, or <paramref name="defaultValue"/> when it is absent or <c>null</c>.</summary>
    public static long GetOptionalInt64(this JsonElement arguments, string name, long defaultValue = 0)
        => TryGet(arguments, name, out var value) ? ReadInteger(value, name, long.MinValue, long.MaxValue, "long") : defaultValue;

    /// <summary>The number argument <paramref name="name"/>; -32602 when it is missing or not a finite number.</summary>
    public static double GetRequiredDouble(this JsonElement arguments, string name)
        => ReadDouble(Required(arguments, name), name);

    /// <summary>The number argument <paramref name="name"/>, or <paramref name="defaultValue"/> when it is absent or <c>null</c>.</summary>
    public static double GetOptionalDouble(this JsonElement arguments, string name, double defaultValue = 0)
        => TryGet(arguments, name, out var value) ? ReadDouble(value, name) : defaultValue;

    /// <summary>The argument <paramref name="name"/> as it was sent (any JSON value but <c>null</c>); -32602 when it is missing.</summary>
    public static JsonElement GetRequiredElement(this JsonElement arguments, string name) => Required(arguments, name);

    /// <summary>Whether the argument <paramref name="name"/> is present and not <c>null</c>, and its value.</summary>
    public static bool TryGetArgument(this JsonElement arguments, string name, out JsonElement value) => TryGet(arguments, name, out value);

    private static bool TryGet(JsonElement arguments, string name, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (arguments.ValueKind != JsonValueKind.Object) throw new McpInvalidParamsException("Invalid arguments: expected an object.");
        return arguments.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static JsonElement Required(JsonElement arguments, string name)
    {
        if (TryGet(arguments, name, out var value)) return value;
        throw McpInvalidParamsException.At(name, "is required but missing.");
    }

    private static string ReadString(JsonElement value, string name)
        => value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected(value, name, "a string");

    private static bool ReadBoolean(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected(value, name, "a boolean"),
    };

    private static long ReadInteger(JsonElement value, string name, long min, long max, string typeName)
    {
        if (value.ValueKind != JsonValueKind.Number) throw Expected(value, name, "an integer");
        if (value.TryGetInt64(out long l))
        {
            if (l < min || l > max) throw McpInvalidParamsException.At(name, $"{l.ToString(CultureInfo.InvariantCulture)} is out of range for {typeName} ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}).");
            return l;
        }
        if (value.TryGetDouble(out double d) && Math.Floor(d) == d && !double.IsInfinity(d))
        {
            if (d < min || d > max) throw McpInvalidParamsException.At(name, $"{d.ToString(CultureInfo.InvariantCulture)} is out of range for {typeName} ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}).");
            return (long)d;
        }
        throw Expected(value, name, "an integer");
    }

    private static double ReadDouble(JsonElement value, string name)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d)) return d;
        throw Expected(value, name, "a finite number");
    }

    private static McpInvalidParamsException Expected(JsonElement value, string name, string expected)
        => McpInvalidParamsException.At(name, $"expected {expected}, got {Describe(value)}.");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ValueKind.ToString(),
    };
}
