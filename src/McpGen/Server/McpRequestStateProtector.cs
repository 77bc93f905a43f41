using System.Security.Cryptography;

namespace McpGen;

/// <summary>
/// Seals and opens the <c>requestState</c> of multi round-trip requests (MRTR, revision 2026-07-28). The state is
/// attacker-controlled input when it comes back, so it is encrypted and authenticated (AES-256-GCM), bound to the
/// principal, the method and a digest of the request's params (as associated data), and expires. Instances that share
/// the key ring open each other's state; the first key seals, every key opens (rotation).
/// </summary>
/// <remarks>
/// Format: base64url( version(1) | key id(4) | nonce(12) | tag(16) | ciphertext ), where the plaintext is
/// expiry (8, Unix ms, big endian) followed by the payload.
/// </remarks>
public sealed class McpRequestStateProtector
{
    private const byte FormatVersion = 1;

    /// <summary>The longest state accepted back (1 MiB of text); the request body limit bounds it too.</summary>
    public const int MaxStateChars = 1024 * 1024;
    private const int KeyIdSize = 4, NonceSize = 12, TagSize = 16, HeaderSize = 1 + KeyIdSize + NonceSize + TagSize;
    private readonly (uint Id, byte[] Key)[] _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates a protector over <paramref name="keys"/> (each 32 bytes; the first seals).</summary>
    /// <param name="keys">The key ring, newest first. Share it between instances behind one endpoint.</param>
    /// <param name="timeToLive">How long a sealed state may be used (at most 1 day).</param>
    /// <param name="time">The clock (tests).</param>
    /// <exception cref="ArgumentException">No keys, or a key that is not 32 bytes, or an invalid lifetime.</exception>
    public McpRequestStateProtector(IReadOnlyList<byte[]> keys, TimeSpan timeToLive, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0) throw new ArgumentException("At least one key is needed.", nameof(keys));
        if (timeToLive <= TimeSpan.Zero || timeToLive > TimeSpan.FromDays(1)) throw new ArgumentOutOfRangeException(nameof(timeToLive), "Between 0 and 1 day.");
        _keys = new (uint, byte[])[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            if (keys[i] is not { Length: 32 }) throw new ArgumentException("Every key must be 32 bytes (AES-256).", nameof(keys));
            // A key's id is derived from the key, so instances agree on it without configuration.
            var id = SHA256.HashData(keys[i]);
            _keys[i] = (BitConverter.ToUInt32(id, 0), (byte[])keys[i].Clone());
        }
        TimeToLive = timeToLive;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long a sealed state may be used.</summary>
    public TimeSpan TimeToLive { get; }

    /// <summary>A protector with a fresh random key: state opens only in this process (one instance, or sticky routing).</summary>
    public static McpRequestStateProtector CreateEphemeral(TimeSpan? timeToLive = null) =>
        new([RandomNumberGenerator.GetBytes(32)], timeToLive ?? TimeSpan.FromMinutes(10));

    /// <summary>Seals <paramref name="payload"/> bound to <paramref name="binding"/> (principal, method, params digest).</summary>
    public string Seal(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> binding)
    {
        var (id, key) = _keys[0];
        int plainLength = 8 + payload.Length;
        byte[] sealedBytes = new byte[HeaderSize + plainLength];
        var span = sealedBytes.AsSpan();
        span[0] = FormatVersion;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(span[1..], id);
        var nonce = span.Slice(1 + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var tag = span.Slice(1 + KeyIdSize + NonceSize, TagSize);
        var cipher = span[HeaderSize..];
        byte[] plain = new byte[plainLength];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(plain, (_time.GetUtcNow() + TimeToLive).ToUnixTimeMilliseconds());
        payload.CopyTo(plain.AsSpan(8));
        using (var aes = new AesGcm(key, TagSize))
            aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(span[..(1 + KeyIdSize)], binding));
        return Convert.ToBase64String(sealedBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Opens a state sealed by <see cref="Seal"/> for the same <paramref name="binding"/>.</summary>
    /// <returns>The payload, or <see langword="null"/> with <paramref name="problem"/> saying why (tampered, foreign, expired).</returns>
    public byte[]? Open(string state, ReadOnlySpan<byte> binding, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(state);
        problem = null;
        byte[] bytes;
        try
        {
            if (state.Length > MaxStateChars) throw new FormatException();
            string padded = state.Replace('-', '+').Replace('_', '/');
            padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException() };
            bytes = Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            problem = "it is not a state this server issued";
            return null;
        }
        if (bytes.Length < HeaderSize + 8 || bytes[0] != FormatVersion)
        {
            problem = "it is not a state this server issued";
            return null;
        }
        uint id = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        byte[]? key = null;
        foreach (var (keyId, k) in _keys)
            if (keyId == id) { key = k; break; }
        if (key is null)
        {
            problem = "it was sealed with a key this server does not hold";
            return null;
        }
        var span = bytes.AsSpan();
        byte[] plain = new byte[bytes.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(span.Slice(1 + KeyIdSize, NonceSize), span[HeaderSize..], span.Slice(1 + KeyIdSize + NonceSize, TagSize), plain,
                AssociatedData(span[..(1 + KeyIdSize)], binding));
        }
        catch (AuthenticationTagMismatchException)
        {
            problem = "it was altered, or it belongs to another user, method or set of arguments";
            return null;
        }
        long expires = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(plain);
        if (_time.GetUtcNow().ToUnixTimeMilliseconds() > expires)
        {
            problem = "it has expired; start the request again without it";
            return null;
        }
        return plain[8..];
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> binding) => [.. header, .. binding];
}
