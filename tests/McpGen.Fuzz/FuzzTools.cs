using System.ComponentModel.DataAnnotations;
using McpGen;

namespace McpGen.Fuzz;

/// <summary>Annotated tools whose generated binders the binder target attacks: every kind of type the generator binds.</summary>
public static class FuzzTools
{
    /// <summary>Scalars.</summary>
    [McpTool]
    public static string Scalars(int i, long l, double d, decimal m, bool b, string s, char c, byte by, uint u, float f) =>
        $"{i}{l}{d}{m}{b}{s}{c}{by}{u}{f}";

    /// <summary>Nullable and optional values.</summary>
    [McpTool]
    public static string Optionals(int? i = null, string? s = null, double d = 1.5, Color color = Color.Red, Color? maybe = null) => $"{i}{s}{d}{color}{maybe}";

    /// <summary>Dates, ids and URIs.</summary>
    [McpTool]
    public static string Dates(DateTime dt, DateTimeOffset dto, DateOnly day, TimeOnly time, TimeSpan span, Guid id, Uri uri) => $"{dt}{dto}{day}{time}{span}{id}{uri}";

    /// <summary>Collections.</summary>
    [McpTool]
    public static int Collections(int[] numbers, List<string> words, Dictionary<string, double> map, HashSet<Color> colors, IReadOnlyList<Point>? points = null) =>
        numbers.Length + words.Count + map.Count + colors.Count + (points?.Count ?? 0);

    /// <summary>Records, nesting and recursion.</summary>
    [McpTool]
    public static Shape Records(Shape shape, Node? tree = null) => shape;

    /// <summary>Validation attributes.</summary>
    [McpTool]
    public static string Constrained([Range(1, 10)] int n, [StringLength(5, MinimumLength = 2)] string code, [RegularExpression("^[a-z]+$")] string word,
        [EmailAddress] string email, [MinLength(1), MaxLength(3)] int[] few) => $"{n}{code}{word}{email}{few.Length}";
}

/// <summary>A color.</summary>
public enum Color { Red, Green, Blue }

/// <summary>A point.</summary>
public sealed record Point(int X, int Y);

/// <summary>A shape with nested records.</summary>
public sealed record Shape(string Name, Point Origin, IReadOnlyList<Point> Corners, Color Fill = Color.Blue, string? Label = null);

/// <summary>A recursive tree.</summary>
public sealed record Node(int Value, List<Node>? Children = null);
