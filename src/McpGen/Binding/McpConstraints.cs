using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace McpGen.Binding;

/// <summary>Checks for the DataAnnotations constraints a generated binder enforces (the same ones its schema states).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpConstraints
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Checks <c>minimum</c>/<c>maximum</c>.</summary>
    public static void Range(double value, double minimum, double maximum)
    {
        if (value < minimum || value > maximum)
            throw McpArgs.Invalid($"{value.ToString(CultureInfo.InvariantCulture)} is outside the allowed range {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>Checks <c>minLength</c>/<c>maxLength</c> (strings, in UTF-16 code units as DataAnnotations counts) or <c>minItems</c>/<c>maxItems</c>.</summary>
    public static void Length(int length, int minimum, int maximum, string what)
    {
        if (length < minimum) throw McpArgs.Invalid($"needs at least {minimum} {what}, got {length}.");
        if (length > maximum) throw McpArgs.Invalid($"allows at most {maximum} {what}, got {length}.");
    }

    /// <summary>Checks <c>pattern</c> (the whole value must match, as DataAnnotations' <c>[RegularExpression]</c> requires).</summary>
    public static void Pattern(string value, string pattern)
    {
        // \z, not $: .NET's $ also matches before a final "\n", so "12\n" matched \d+ while the schema's pattern
        // (ECMA-262, where $ is the end) refused it.
        var regex = Patterns.GetOrAdd(pattern, static p => new Regex("^(?:" + p + ")\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        if (!regex.IsMatch(value)) throw McpArgs.Invalid($"does not match the pattern {pattern}.");
    }

    /// <summary>Checks <c>format: email</c> the way DataAnnotations' <c>[EmailAddress]</c> does: one '@', not first or last.</summary>
    public static void Email(string value)
    {
        int at = value.IndexOf('@');
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1) throw McpArgs.Invalid("is not an email address.");
    }

    /// <summary>Checks <c>format: uri</c> for <c>[Url]</c>: an absolute http, https or ftp URL.</summary>
    public static void Url(string value)
    {
        if (!McpArgs.IsUriText(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ftp"))
            throw McpArgs.Invalid("is not an absolute http, https or ftp URL.");
    }

    /// <summary>The value is not one of the allowed values.</summary>
    public static McpInvalidParamsException NotAllowed(string allowed) => McpArgs.Invalid("must be one of " + allowed + ".");

    /// <summary>The value is one of the denied values.</summary>
    public static McpInvalidParamsException Denied() => McpArgs.Invalid("is a value that is not allowed.");
}
