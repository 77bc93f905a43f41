using System.Text.Json;
using System.Text.Json.Serialization;
using McpGen.JsonRpc;

namespace McpGen.Protocol;

/// <summary>A progress token (<c>_meta.progressToken</c>): a string or a number, echoed with the JSON type it arrived with.</summary>
[JsonConverter(typeof(ProgressTokenJsonConverter))]
public readonly struct ProgressToken : IEquatable<ProgressToken>
{
    internal ProgressToken(RequestId value) => Value = value;

    /// <summary>The token, with the same string-or-number representation as a request id.</summary>
    public RequestId Value { get; }

    /// <summary>Whether no token was given.</summary>
    public bool IsEmpty => Value.IsEmpty;

    /// <summary>Creates a string token.</summary>
    public static ProgressToken FromString(string value) => new(RequestId.FromString(value));

    /// <summary>Creates a number token.</summary>
    public static ProgressToken FromNumber(long value) => new(RequestId.FromNumber(value));

    /// <inheritdoc />
    public bool Equals(ProgressToken other) => Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProgressToken other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Reads and writes <see cref="ProgressToken"/> as a JSON string or number.</summary>
public sealed class ProgressTokenJsonConverter : JsonConverter<ProgressToken>
{
    /// <inheritdoc />
    public override ProgressToken Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RequestId.TryRead(ref reader, out var id) ? new ProgressToken(id) : throw new JsonException("A progress token must be a string or a number.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ProgressToken value, JsonSerializerOptions options) => value.Value.WriteTo(writer);
}
