using System.Globalization;
using System.Text.Json;

namespace McpGen.JsonRpc;

/// <summary>
/// A JSON-RPC request id: a string or a number, kept exactly as received so that it is echoed with the
/// same JSON type and spelling (a number id <c>1.50</c> is answered with <c>1.50</c>, not <c>1.5</c>).
/// </summary>
public readonly struct RequestId : IEquatable<RequestId>
{
    private readonly string? _value;
    private readonly bool _isNumber;

    private RequestId(string value, bool isNumber)
    {
        _value = value;
        _isNumber = isNumber;
    }

    /// <summary>Creates a string id.</summary>
    public static RequestId FromString(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), isNumber: false);

    /// <summary>Creates a number id.</summary>
    public static RequestId FromNumber(long value) => new(value.ToString(CultureInfo.InvariantCulture), isNumber: true);

    /// <summary>Creates a number id from the raw text of a JSON number token (already validated by a JSON reader).</summary>
    internal static RequestId FromRawNumber(string rawJsonNumber) => new(rawJsonNumber, isNumber: true);

    /// <summary>Whether this id is absent (the default value).</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Whether this id is a JSON string.</summary>
    public bool IsString => _value is not null && !_isNumber;

    /// <summary>Whether this id is a JSON number.</summary>
    public bool IsNumber => _value is not null && _isNumber;

    /// <summary>The string value, or the number's JSON text.</summary>
    public string? Value => _value;

    /// <summary>Tries to read the id as a 64-bit integer.</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return _isNumber && long.TryParse(_value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Writes the id as a JSON value (a string, a number, or <c>null</c> when empty).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_value is null) writer.WriteNullValue();
        else if (_isNumber) writer.WriteRawValue(_value, skipInputValidation: true); // reflection-free: raw text of a validated number token
        else writer.WriteStringValue(_value);
    }

    /// <summary>Reads an id from the current token of <paramref name="reader"/>: a string or a number.</summary>
    /// <returns><see langword="false"/> when the token is neither a string nor a number.</returns>
    public static bool TryRead(ref Utf8JsonReader reader, out RequestId id)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                id = FromString(reader.GetString()!);
                return true;
            case JsonTokenType.Number:
                id = FromRawNumber(System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan));
                return true;
            default:
                id = default;
                return false;
        }
    }

    /// <inheritdoc />
    public bool Equals(RequestId other) => _isNumber == other._isNumber && string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RequestId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : HashCode.Combine(_isNumber, StringComparer.Ordinal.GetHashCode(_value));

    /// <summary>Equality.</summary>
    public static bool operator ==(RequestId left, RequestId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(RequestId left, RequestId right) => !left.Equals(right);

    /// <summary>The id as JSON text (strings quoted), for logs and messages.</summary>
    public override string ToString() => _value is null ? "null" : _isNumber ? _value : JsonSerializerStringQuote(_value);

    private static string JsonSerializerStringQuote(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";
}
