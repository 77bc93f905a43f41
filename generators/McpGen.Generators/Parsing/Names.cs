using System.Text;
using McpGen.Generators.Model;

namespace McpGen.Generators.Parsing;

/// <summary>Name conversions: default tool names and JSON property names.</summary>
internal static class Names
{
    /// <summary>The default name of a tool, prompt or resource: snake_case of the method name without an <c>Async</c> suffix.</summary>
    public static string DefaultPrimitiveName(string methodName)
    {
        if (methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal)) methodName = methodName.Substring(0, methodName.Length - 5);
        return ToSnakeCase(methodName);
    }

    /// <summary><c>GetForecast</c> → <c>get_forecast</c>; <c>HTTPServer</c> → <c>http_server</c>; <c>Version2Info</c> → <c>version2_info</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool nextLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                bool prevUpper = i > 0 && char.IsUpper(name[i - 1]);
                if (i > 0 && name[i - 1] != '_' && (prevLowerOrDigit || (prevUpper && nextLower))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary><c>CustomerId</c> → <c>customerId</c>; <c>URL</c> → <c>url</c>; <c>IOStream</c> → <c>ioStream</c> (as System.Text.Json's camelCase).</summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0])) return name;
        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i])) break;
            bool hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ') chars[i] = char.ToLowerInvariant(chars[i]);
                break;
            }
            chars[i] = char.ToLowerInvariant(chars[i]);
        }
        return new string(chars);
    }

    public static string Apply(NamingPolicy policy, string name) => policy switch
    {
        NamingPolicy.CamelCase => ToCamelCase(name),
        NamingPolicy.SnakeCaseLower => ToSnakeCase(name),
        _ => name,
    };

    /// <summary>A C# identifier made from any text (letters, digits and underscores).</summary>
    public static string Identifier(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(char.IsLetterOrDigit(c) ? c : '_');
        }
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    /// <summary>A short, stable hash of a string (FNV-1a), as hex: deterministic across runs and machines.</summary>
    public static string StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
