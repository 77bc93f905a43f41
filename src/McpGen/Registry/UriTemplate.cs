using System.Text;

namespace McpGen;

/// <summary>
/// An RFC 6570 URI template, parsed once, that matches concrete URIs and extracts their variables
/// (the reverse of expansion). Supports the operators <c>{var}</c>, <c>{+var}</c>, <c>{#var}</c>, <c>{/var}</c>,
/// <c>{.var}</c>, <c>{;var}</c>, <c>{?a,b}</c> and <c>{&amp;a}</c>, with comma-separated variable lists.
/// </summary>
public sealed class UriTemplate
{
    private readonly Part[] _parts;

    private UriTemplate(string template, Part[] parts, string[] variables)
    {
        Template = template;
        _parts = parts;
        VariableNames = variables;
    }

    /// <summary>The template text.</summary>
    public string Template { get; }

    /// <summary>The variable names, in order of appearance.</summary>
    public IReadOnlyList<string> VariableNames { get; }

    /// <summary>Whether the template has any expression (a URI without one is a plain resource, not a template).</summary>
    public bool HasVariables => VariableNames.Count > 0;

    /// <summary>Parses a template.</summary>
    /// <exception cref="FormatException">The template is not valid RFC 6570 (unbalanced braces, empty or bad variable names, duplicates).</exception>
    public static UriTemplate Parse(string template)
    {
        if (!TryParse(template, out var result, out var error)) throw new FormatException(error);
        return result!;
    }

    /// <summary>Parses a template, reporting why it is invalid instead of throwing.</summary>
    public static bool TryParse(string template, out UriTemplate? result, out string? error)
    {
        ArgumentNullException.ThrowIfNull(template);
        result = null;
        var parts = new List<Part>();
        var names = new List<string>();
        var literal = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}') { error = $"Unexpected '}}' at position {i} of the URI template '{template}'."; return false; }
            if (c != '{') { literal.Append(c); continue; }

            int close = template.IndexOf('}', i + 1);
            if (close < 0) { error = $"The '{{' at position {i} of the URI template '{template}' is never closed."; return false; }
            string body = template.Substring(i + 1, close - i - 1);
            if (body.IndexOf('{') >= 0) { error = $"Nested '{{' in the URI template '{template}'."; return false; }
            if (literal.Length > 0) { parts.Add(Part.Literal(literal.ToString())); literal.Clear(); }

            char op = body.Length > 0 && "+#./;?&".IndexOf(body[0]) >= 0 ? body[0] : '\0';
            string list = op == '\0' ? body : body[1..];
            if (list.Length == 0) { error = $"The expression '{{{body}}}' in the URI template '{template}' names no variable."; return false; }
            var vars = new List<string>();
            foreach (var raw in list.Split(','))
            {
                string name = raw;
                if (name.EndsWith('*')) name = name[..^1];
                int colon = name.IndexOf(':');
                if (colon >= 0)
                {
                    if (!int.TryParse(name.AsSpan(colon + 1), out int max) || max <= 0 || max >= 10000)
                    { error = $"Invalid prefix length in '{{{body}}}' of the URI template '{template}'."; return false; }
                    name = name[..colon];
                }
                if (!IsValidVariableName(name)) { error = $"'{raw}' is not a valid variable name in the URI template '{template}' (use letters, digits, '_' and '.')."; return false; }
                if (names.Contains(name)) { error = $"The variable '{name}' appears more than once in the URI template '{template}'."; return false; }
                names.Add(name);
                vars.Add(name);
            }
            parts.Add(Part.Expression(op, vars.ToArray()));
            i = close;
        }
        if (literal.Length > 0) parts.Add(Part.Literal(literal.ToString()));
        result = new UriTemplate(template, parts.ToArray(), names.ToArray());
        error = null;
        return true;
    }

    private static bool IsValidVariableName(string name)
    {
        if (name.Length == 0) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool ok = char.IsAsciiLetterOrDigit(c) || c == '_' || (c == '.' && i > 0 && i < name.Length - 1) || (c == '%' && i + 2 < name.Length);
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>
    /// Matches a concrete URI against the template; on success returns the (percent-decoded) variable values.
    /// Variables of optional expressions (<c>{?…}</c>, <c>{&amp;…}</c>) that are absent are left out.
    /// </summary>
    public bool TryMatch(string uri, out Dictionary<string, string> variables)
    {
        variables = new Dictionary<string, string>(StringComparer.Ordinal);
        return Match(uri, 0, 0, variables);
    }

    private bool Match(string uri, int partIndex, int pos, Dictionary<string, string> vars)
    {
        if (partIndex == _parts.Length) return pos == uri.Length;
        var part = _parts[partIndex];
        if (part.Text is not null)
        {
            if (string.CompareOrdinal(uri, pos, part.Text, 0, part.Text.Length) != 0 || uri.Length - pos < part.Text.Length) return false;
            return Match(uri, partIndex + 1, pos + part.Text.Length, vars);
        }

        if (part.Operator is '?' or '&') return MatchQuery(uri, partIndex, pos, vars, part);

        // Try every end position, shortest first, for values made only of allowed characters.
        bool allowReserved = part.Operator is '+' or '#';
        string prefix = part.Operator switch { '#' => "#", '/' => "/", '.' => ".", ';' => ";", _ => "" };
        int start = pos;
        if (prefix.Length > 0)
        {
            if (pos >= uri.Length || uri[pos] != prefix[0]) return false;
            start = pos + 1;
        }
        for (int end = start + 1; end <= uri.Length; end++)
        {
            char c = uri[end - 1];
            if (!allowReserved && (c is '/' or '?' or '#')) break;
            if (part.Operator == '.' && c == '.' && part.Variables.Length == 1) break;
            var snapshot = new Dictionary<string, string>(vars, StringComparer.Ordinal);
            if (AssignValues(uri.Substring(start, end - start), part, snapshot) && Match(uri, partIndex + 1, end, snapshot))
            {
                foreach (var kv in snapshot) vars[kv.Key] = kv.Value;
                return true;
            }
        }
        return false;
    }

    private static bool AssignValues(string raw, Part part, Dictionary<string, string> vars)
    {
        if (part.Operator == ';')
        {
            // ;name=value;name2=value2
            var pieces = raw.Split(';');
            if (pieces.Length != part.Variables.Length) return false;
            for (int i = 0; i < pieces.Length; i++)
            {
                int eq = pieces[i].IndexOf('=');
                string name = eq < 0 ? pieces[i] : pieces[i][..eq];
                if (name != part.Variables[i]) return false;
                vars[name] = eq < 0 ? "" : Uri.UnescapeDataString(pieces[i][(eq + 1)..]);
            }
            return true;
        }
        char separator = part.Operator switch { '/' => '/', '.' => '.', _ => ',' };
        var values = part.Variables.Length == 1 ? [raw] : raw.Split(separator);
        if (values.Length != part.Variables.Length) return false;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].Length == 0) return false;
            vars[part.Variables[i]] = Uri.UnescapeDataString(values[i]);
        }
        return true;
    }

    private bool MatchQuery(string uri, int partIndex, int pos, Dictionary<string, string> vars, Part part)
    {
        char lead = part.Operator;
        if (pos >= uri.Length || uri[pos] != lead) return Match(uri, partIndex + 1, pos, vars); // all optional
        int end = uri.IndexOf('#', pos);
        if (end < 0) end = uri.Length;
        var snapshot = new Dictionary<string, string>(vars, StringComparer.Ordinal);
        foreach (var pair in uri.Substring(pos + 1, end - pos - 1).Split('&'))
        {
            int eq = pair.IndexOf('=');
            string name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (Array.IndexOf(part.Variables, name) >= 0) snapshot[name] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        if (!Match(uri, partIndex + 1, end, snapshot)) return false;
        foreach (var kv in snapshot) vars[kv.Key] = kv.Value;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Template;

    private sealed class Part
    {
        public string? Text { get; private init; }
        public char Operator { get; private init; }
        public string[] Variables { get; private init; } = [];

        public static Part Literal(string text) => new() { Text = text };
        public static Part Expression(char op, string[] variables) => new() { Operator = op, Variables = variables };
    }
}
