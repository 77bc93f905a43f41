using System.Globalization;
using System.Text.Json;

namespace McpGen.JsonRpc;

/// <summary>
/// A JSON-RPC request id: a string or a number, kept exactly as received so that it is echoed with the
/// same JSON type and spelling (a number id <c>1.50</c> is answered with <c>1.50</c>, not <c>1.5</c>).
/// </summary>
public readonly struct RequestId : IEquatable<RequestId>
{
    // Integers (the common case) are kept as a long, so parsing an id allocates nothing; any other number keeps its raw text.
    private readonly string? _text;
    private readonly long _integer;
    private readonly Kind _kind;

    private enum Kind : byte { None, String, Integer, RawNumber }

    private RequestId(Kind kind, string? text, long integer)
    {
        _kind = kind;
        _text = text;
        _integer = integer;
    }

    /// <summary>Creates a string id.</summary>
    public static RequestId FromString(string value) => new(Kind.String, value ?? throw new ArgumentNullException(nameof(value)), 0);

    /// <summary>Creates a number id.</summary>
    public static RequestId FromNumber(long value) => new(Kind.Integer, null, value);

    /// <summary>Whether this id is absent (the default value).</summary>
    public bool IsEmpty => _kind == Kind.None;

    /// <summary>Whether this id is a JSON string.</summary>
    public bool IsString => _kind == Kind.String;

    /// <summary>Whether this id is a JSON number.</summary>
    public bool IsNumber => _kind is Kind.Integer or Kind.RawNumber;

    /// <summary>The string value, or the number's JSON text; <see langword="null"/> when empty.</summary>
    public string? Value => _kind switch
    {
        Kind.String or Kind.RawNumber => _text,
        Kind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Tries to read the id as a 64-bit integer.</summary>
    public bool TryGetInt64(out long value)
    {
        value = _integer;
        return _kind == Kind.Integer;
    }

    /// <summary>Writes the id as a JSON value (a string, a number, or <c>null</c> when empty).</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (_kind)
        {
            case Kind.String: writer.WriteStringValue(_text); break;
            case Kind.Integer: writer.WriteNumberValue(_integer); break;
            case Kind.RawNumber: writer.WriteRawValue(_text!, skipInputValidation: true); break; // reflection-free: raw text of a validated number token
            default: writer.WriteNullValue(); break;
        }
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
                var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan;
                // Only a plain integer is normalized; "1.0", "1e2" or "-0" keep their spelling so they are echoed exactly.
                if (IsPlainInteger(raw) && reader.TryGetInt64(out long integer)) id = FromNumber(integer);
                else id = new RequestId(Kind.RawNumber, System.Text.Encoding.UTF8.GetString(raw), 0);
                return true;
            default:
                id = default;
                return false;
        }
    }

    private static bool IsPlainInteger(ReadOnlySpan<byte> raw)
    {
        int i = raw.Length > 0 && raw[0] == (byte)'-' ? 1 : 0;
        if (i == raw.Length || (raw[i] == (byte)'0' && raw.Length > i + 1) || (i == 1 && raw[1] == (byte)'0')) return false;
        for (; i < raw.Length; i++)
        {
            if (raw[i] is < (byte)'0' or > (byte)'9') return false;
        }
        return true;
    }

    /// <inheritdoc />
    public bool Equals(RequestId other) => _kind switch
    {
        Kind.Integer => other._kind == Kind.Integer && _integer == other._integer,
        Kind.None => other._kind == Kind.None,
        _ => _kind == other._kind && string.Equals(_text, other._text, StringComparison.Ordinal),
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RequestId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _kind switch
    {
        Kind.Integer => _integer.GetHashCode(),
        Kind.None => 0,
        _ => HashCode.Combine(_kind, StringComparer.Ordinal.GetHashCode(_text!)),
    };

    /// <summary>Equality.</summary>
    public static bool operator ==(RequestId left, RequestId right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(RequestId left, RequestId right) => !left.Equals(right);

    /// <summary>The id as JSON text (strings quoted), for logs and messages.</summary>
    public override string ToString() => _kind switch
    {
        Kind.None => "null",
        Kind.String => "\"" + JsonEncodedText.Encode(_text!).ToString() + "\"",
        _ => Value!,
    };
}
