using System.Globalization;
using System.Text;
using McpGen.Generators.Model;

namespace McpGen.Generators.Emitting;

/// <summary>C# literals for generated code.</summary>
internal static class CSharp
{
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string StringOrNull(string? value) => value is null ? "null" : String(value);

    /// <summary>The C# expression of a default value.</summary>
    public static string Default(DefaultSpec d) => d.Kind switch
    {
        DefaultKind.Null => "null",
        DefaultKind.TypeDefault => $"default({d.TypeName})",
        DefaultKind.String => String(d.Value!),
        DefaultKind.Boolean => d.Value!,
        DefaultKind.Char => Char(d.Value![0]),
        DefaultKind.Number => d.Suffix is not null ? d.Value + d.Suffix : $"({d.TypeName}){d.Value}",
        DefaultKind.EnumMember => $"{d.TypeName}.{d.Value}",
        _ => $"({d.TypeName}){d.Value}",
    };

    private static string Char(char c) => c switch
    {
        '\'' => "'\\''",
        '\\' => "'\\\\'",
        _ when c < 0x20 => "'\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) + "'",
        _ => "'" + c + "'",
    };
}
