using System.Collections.Generic;

namespace McpGen.Generators.Parsing;

/// <summary>Checks an RFC 6570 URI template at compile time and lists its variables (the runtime matches with McpGen.UriTemplate).</summary>
internal sealed class UriTemplateInfo
{
    private UriTemplateInfo(List<string> variables, string? error)
    {
        Variables = variables;
        Error = error;
    }

    public List<string> Variables { get; }

    public string? Error { get; }

    public static UriTemplateInfo Parse(string template)
    {
        var names = new List<string>();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}') return new(names, $"unexpected '}}' at position {i} of the URI template");
            if (c != '{') continue;
            int close = template.IndexOf('}', i + 1);
            if (close < 0) return new(names, $"the '{{' at position {i} of the URI template is never closed");
            string body = template.Substring(i + 1, close - i - 1);
            if (body.IndexOf('{') >= 0) return new(names, "nested '{' in the URI template");
            if (body.Length > 0 && "+#./;?&".IndexOf(body[0]) >= 0) body = body.Substring(1);
            if (body.Length == 0) return new(names, $"an expression at position {i} names no variable");
            foreach (var raw in body.Split(','))
            {
                string name = raw.EndsWith("*", System.StringComparison.Ordinal) ? raw.Substring(0, raw.Length - 1) : raw;
                int colon = name.IndexOf(':');
                if (colon >= 0)
                {
                    if (!int.TryParse(name.Substring(colon + 1), out int max) || max <= 0 || max >= 10000) return new(names, $"invalid prefix length in '{{{body}}}'");
                    name = name.Substring(0, colon);
                }
                if (!IsValidName(name)) return new(names, $"'{raw}' is not a valid variable name");
                if (names.Contains(name)) return new(names, $"the variable '{name}' appears more than once");
                names.Add(name);
            }
            i = close;
        }
        return new(names, null);
    }

    private static bool IsValidName(string name)
    {
        if (name.Length == 0) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c == '.' && i > 0 && i < name.Length - 1);
            if (!ok) return false;
        }
        return true;
    }
}
