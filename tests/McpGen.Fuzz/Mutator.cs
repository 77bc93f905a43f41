using System.Text;
using System.Text.Json.Nodes;

namespace McpGen.Fuzz;

/// <summary>Mutates seed messages: byte-level damage and structural changes that keep the JSON valid.</summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> corpus)
{
    private static readonly byte[] Interesting = [0x00, 0x0A, 0x0D, 0x7F, 0xFF, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'\\', 0xC3, 0x80];

    private static readonly string[] HugeNumbers =
    [
        "1e99999", "-1e99999", "123456789012345678901234567890", "1.7976931348623157e309", "-0", "0.0000000000000000000000001",
        "9223372036854775808", "-9223372036854775809", "4294967296", "1E+2", "00", "1.", ".5", "NaN", "Infinity",
    ];

    private static readonly byte[][] InvalidUtf8 = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xFF, 0xFE]];

    public (byte[] Bytes, string Strategy) Mutate(byte[] seed)
    {
        int rounds = random.Next(10) == 0 ? random.Next(2, 5) : 1;
        byte[] current = seed;
        var names = new List<string>();
        for (int i = 0; i < rounds; i++)
        {
            var (next, name) = Safely(current, random.Next(11) switch
            {
                0 => (Func<byte[], byte[]>)BitFlips,
                1 => (Func<byte[], byte[]>)InterestingBytes,
                2 => (Func<byte[], byte[]>)Truncate,
                3 => (Func<byte[], byte[]>)Splice,
                4 => (Func<byte[], byte[]>)DeepNesting,
                5 => (Func<byte[], byte[]>)HugeNumber,
                6 => (Func<byte[], byte[]>)BadUtf8,
                7 or 8 => (Func<byte[], byte[]>)WrongType,
                9 => (Func<byte[], byte[]>)DuplicateKey,
                _ => (Func<byte[], byte[]>)HugeString,
            });
            current = next;
            names.Add(name);
            if (current.Length == 0) break;
        }
        return (current, string.Join("+", names));
    }

    /// <summary>Runs one strategy; a strategy that cannot apply to this input leaves it unchanged (a mutator bug is not a finding).</summary>
    private static (byte[], string) Safely(byte[] input, Func<byte[], byte[]> strategy)
    {
        try { return (strategy(input), strategy.Method.Name); }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException or System.Text.Json.JsonException) { return (input, "none"); }
    }

    /// <summary>A structural mutation only (the result stays one JSON object), for requests whose answers are counted.</summary>
    public byte[] MutateStructurally(byte[] seed) => random.Next(3) == 0 ? HugeNumber(WrongType(seed)) : WrongType(seed);

    private byte[] BitFlips(byte[] input)
    {
        var copy = (byte[])input.Clone();
        if (copy.Length == 0) return copy;
        for (int i = random.Next(1, 9); i > 0; i--) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private byte[] InterestingBytes(byte[] input)
    {
        var copy = (byte[])input.Clone();
        if (copy.Length == 0) return copy;
        for (int i = random.Next(1, 4); i > 0; i--) copy[random.Next(copy.Length)] = Interesting[random.Next(Interesting.Length)];
        return copy;
    }

    private byte[] Truncate(byte[] input) => input.Length == 0 ? input : input[..random.Next(input.Length)];

    private byte[] Splice(byte[] input)
    {
        var other = corpus[random.Next(corpus.Count)];
        int cut = random.Next(input.Length + 1), otherCut = random.Next(other.Length + 1);
        return [.. input[..cut], .. other[otherCut..]];
    }

    private byte[] DeepNesting(byte[] input)
    {
        int depth = random.Next(3) switch { 0 => random.Next(50, 80), 1 => random.Next(100, 1000), _ => random.Next(1000, 20000) };
        string open = random.Next(2) == 0 ? new string('[', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth));
        string close = open[0] == '[' ? new string(']', depth) : new string('}', depth);
        string text = Encoding.UTF8.GetString(input);
        int at = text.IndexOf("\"arguments\":{", StringComparison.Ordinal);
        if (at < 0) at = text.IndexOf("\"params\":{", StringComparison.Ordinal);
        if (at < 0) return Encoding.UTF8.GetBytes(open + "1" + close);
        int brace = text.IndexOf('{', at);
        return Encoding.UTF8.GetBytes(text[..(brace + 1)] + "\"deep\":" + open + "1" + close + (text[brace + 1] == '}' ? "" : ",") + text[(brace + 1)..]);
    }

    private byte[] HugeNumber(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        var numbers = new List<(int Start, int Length)>();
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] == '.'))) continue;
            int j = i;
            while (j < text.Length && (char.IsAsciiDigit(text[j]) || text[j] is '.' or 'e' or 'E' or '-' or '+')) j++;
            numbers.Add((i, j - i));
            i = j;
        }
        if (numbers.Count == 0) return input;
        var (start, length) = numbers[random.Next(numbers.Count)];
        return Encoding.UTF8.GetBytes(text[..start] + HugeNumbers[random.Next(HugeNumbers.Length)] + text[(start + length)..]);
    }

    private byte[] BadUtf8(byte[] input)
    {
        int at = random.Next(input.Length + 1);
        return [.. input[..at], .. InvalidUtf8[random.Next(InvalidUtf8.Length)], .. input[at..]];
    }

    private byte[] HugeString(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        int quote = text.IndexOf(":\"", StringComparison.Ordinal);
        if (quote < 0) return input;
        string filler = random.Next(2) == 0 ? new string('x', random.Next(10_000, 300_000)) : string.Concat(Enumerable.Repeat("\\u00e9\\ud83d\\ude00\\\"", random.Next(100, 5000)));
        return Encoding.UTF8.GetBytes(text[..(quote + 2)] + filler + text[(quote + 2)..]);
    }

    private byte[] DuplicateKey(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        int brace = text.IndexOf('{', 1);
        if (brace < 0) return input;
        return Encoding.UTF8.GetBytes(text[..(brace + 1)] + "\"name\":\"dup\",\"name\":\"dup2\"," + text[(brace + 1)..].TrimStart('}'));
    }

    /// <summary>Replaces one value inside params (arguments first) with a value of another type.</summary>
    private byte[] WrongType(byte[] input)
    {
        try { return WrongTypeCore(input); }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException) { return input; } // e.g. duplicate keys
    }

    private byte[] WrongTypeCore(byte[] input)
    {
        if (JsonNode.Parse(input) is not JsonObject obj) return input;
        var root = obj;
        var target = obj["params"] is JsonObject p ? (p["arguments"] is JsonObject a && random.Next(3) > 0 ? a : p) : obj;
        var keys = target.Select(kv => kv.Key).ToList();
        JsonNode replacement = random.Next(9) switch
        {
            0 => JsonValue.Create("a string")!,
            1 => JsonValue.Create(random.Next(-5, 5))!,
            2 => JsonValue.Create(random.NextDouble() * 1e300)!,
            3 => JsonValue.Create(true)!,
            4 => new JsonArray(1, "two", null),
            5 => new JsonObject { ["nested"] = new JsonObject { ["x"] = 1 } },
            6 => JsonValue.Create(new string('z', random.Next(1, 50_000)))!,
            7 => JsonValue.Create(-1)!,
            _ => new JsonArray(),
        };
        if (keys.Count == 0 || random.Next(5) == 0) target["extra" + random.Next(100)] = replacement;
        else target[keys[random.Next(keys.Count)]] = random.Next(6) == 0 ? null : replacement;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
