using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using McpGen;

namespace McpGen.AgreementCorpus;

// Every tool echoes what its generated binder produced: the result record has one member per argument, with the
// argument's JSON name and type, so its structuredContent can be compared with the arguments that were sent
// (tests/node/suites/agreement.test.mjs). A tool taking one object argument returns it wrapped the same way.

/// <summary>Schema/binder agreement corpus: one tool per group of supported parameter types.</summary>
public static class Tools
{
    /// <summary>Echoes every integer width.</summary>
    [McpTool]
    public static Integers Integers(sbyte i8, byte u8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64) =>
        new(i8, u8, i16, u16, i32, u32, i64, u64);

    /// <summary>Echoes the floating-point and decimal types.</summary>
    [McpTool]
    public static Floats Floats(float f32, double f64, decimal dec) => new(f32, f64, dec);

    /// <summary>Echoes a string, a char and a boolean.</summary>
    [McpTool]
    public static Text Text(string s, char c, bool flag) => new(s, c, flag);

    /// <summary>Echoes a Guid and a Uri.</summary>
    [McpTool]
    public static Identifiers Identifiers(Guid id, Uri uri) => new(id, uri);

    /// <summary>Echoes the date and time types.</summary>
    [McpTool]
    public static Dates Dates(DateTime at, DateTimeOffset atOffset, DateOnly day, TimeOnly time, TimeSpan span) =>
        new(at, atOffset, day, time, span);

    /// <summary>Echoes enums (one with custom member names, with a default).</summary>
    [McpTool]
    public static Enums Enums(Color color, Shade shade = Shade.DarkBlue) => new(color, shade);

    /// <summary>Echoes nullable value types.</summary>
    [McpTool]
    public static NullableValues NullableValues(int? n, double? d, bool? b, Guid? g, DateTimeOffset? t, Color? color, TimeSpan? span, DateOnly? day) =>
        new(n, d, b, g, t, color, span, day);

    /// <summary>Echoes nullable references.</summary>
    [McpTool]
    public static NullableRefs NullableRefs(string? s, Uri? u, Point? p, int[]? xs, Leaf? leaf) => new(s, u, p, xs, leaf);

    /// <summary>Echoes list-like collections.</summary>
    [McpTool]
    public static Collections Collections(int[] array, List<string> list, IReadOnlyList<double> readOnly, IEnumerable<Color> seq, ICollection<long> bag) =>
        new(array, list, readOnly, seq.ToList(), bag.ToList());

    /// <summary>Echoes sets of strings, integers and UUIDs.</summary>
    [McpTool]
    public static Sets Sets(HashSet<string> names, ISet<int> numbers, IReadOnlySet<Guid> ids) => new(names, numbers.ToHashSet(), ids.ToHashSet());

    /// <summary>Echoes sets of values whose .NET equality is not JSON equality.</summary>
    [McpTool]
    public static ValueSets ValueSets(HashSet<DateTimeOffset> instants, HashSet<TimeSpan> spans, HashSet<Uri> uris) => new(instants, spans, uris);

    /// <summary>Echoes dictionaries with string keys.</summary>
    [McpTool]
    public static Dictionaries Dictionaries(Dictionary<string, int> counts, IReadOnlyDictionary<string, Point> points, IDictionary<string, string?> labels) =>
        new(counts, points.ToDictionary(), labels.ToDictionary());

    /// <summary>Echoes nested records and lists.</summary>
    [McpTool]
    public static OrderEcho Nested(Order order) => new(order);

    /// <summary>Echoes a class with required members and initializers.</summary>
    [McpTool]
    public static SettingsEcho RequiredMembers(Settings settings) => new(settings);

    /// <summary>Echoes a positional record with defaults.</summary>
    [McpTool]
    public static ShipmentEcho Positional(Shipment shipment) => new(shipment);

    /// <summary>Echoes structs (one nullable).</summary>
    [McpTool]
    public static Structs Structs(Point point, Size? size) => new(point, size);

    /// <summary>Echoes a recursive tree.</summary>
    [McpTool]
    public static TreeEcho Tree(TreeNode root) => new(root);

    /// <summary>Echoes values under [Range].</summary>
    [McpTool]
    public static Ranges Ranges([Range(1, 100)] int percent, [Range(-1.5, 2.5)] double ratio, [Range(0, 1000)] long big, [Range(0.0, 0.1)] float small, [Range(10, 1000)] byte narrow) =>
        new(percent, ratio, big, small, narrow);

    /// <summary>Echoes values under the length attributes.</summary>
    [McpTool]
    public static Lengths Lengths([StringLength(10, MinimumLength = 2)] string code, [MinLength(1)] string[] tags, [MaxLength(3)] List<int> top, [Length(2, 4)] string word, [MaxLength(5)] string shortText) =>
        new(code, tags, top, word, shortText);

    /// <summary>Echoes values under [RegularExpression].</summary>
    [McpTool]
    public static Patterns Patterns([RegularExpression("[A-Z]{3}-[0-9]{2,4}")] string sku, [RegularExpression("a|b")] string choice, [RegularExpression(@"\d+")] string digits) =>
        new(sku, choice, digits);

    /// <summary>Echoes [EmailAddress] and [Url] strings.</summary>
    [McpTool]
    public static Formats Formats([EmailAddress] string email, [Url] string url) => new(email, url);

    /// <summary>Echoes values under [AllowedValues] and [DeniedValues].</summary>
    [McpTool]
    public static Allowed Allowed([AllowedValues("red", "green")] string tint, [AllowedValues(1, 2, 3)] int level, [DeniedValues("root", "admin")] string user, [DeniedValues(0)] int divisor) =>
        new(tint, level, user, divisor);

    /// <summary>Echoes strings under [Required].</summary>
    [McpTool]
    public static RequiredStrings RequiredAttribute([Required] string name, [Required(AllowEmptyStrings = true)] string maybeEmpty) => new(name, maybeEmpty);

    /// <summary>Echoes parameters with defaults.</summary>
    [McpTool]
    public static Defaults Defaults(int count = 3, string label = "none", bool verbose = false, double factor = 1.5, Color color = Color.Green, string? note = null, long? limit = null) =>
        new(count, label, verbose, factor, color, note, limit);

    /// <summary>Echoes base64 bytes.</summary>
    [McpTool]
    public static Bytes Bytes(byte[] data) => new(data);

    /// <summary>Echoes any JSON value.</summary>
    [McpTool]
    public static Json Json(JsonElement any, JsonNode? node) => new(any, node);

    /// <summary>Echoes a record whose members carry DataAnnotations.</summary>
    [McpTool]
    public static ProfileEcho Members(Profile profile) => new(profile);

    /// <summary>Echoes a record with [JsonPropertyName] and [JsonIgnore] members.</summary>
    [McpTool]
    public static RenamedEcho PropertyNames(Renamed value) => new(value);

    /// <summary>Echoes a list of constrained records.</summary>
    [McpTool]
    public static LineItems ArrayOfRecords([MinLength(1), MaxLength(5)] List<LineItem> items) => new(items);

    /// <summary>Echoes nested collections.</summary>
    [McpTool]
    public static NestedCollections NestedCollections(List<List<int>> grid, Dictionary<string, List<string>> groups, int[][] jagged) => new(grid, groups, jagged);

    /// <summary>Echoes a class with init-only optional members.</summary>
    [McpTool]
    public static OptionsEcho InitOnly(Options options) => new(options);

    /// <summary>Takes nothing and echoes nothing.</summary>
    [McpTool]
    public static Nothing NoArguments() => new();

    /// <summary>Echoes a mix of optional parameters without defaults of their own (nullable) and required ones.</summary>
    [McpTool]
    public static Mixed Mixed(string id, Color? tint, [Range(0, 10)] int? rating, IReadOnlyList<string>? aliases, Dictionary<string, double>? weights) =>
        new(id, tint, rating, aliases, weights);
}

/// <summary>A primary color.</summary>
public enum Color { Red, Green, Blue }

/// <summary>A shade with custom JSON names.</summary>
public enum Shade { Light, [JsonStringEnumMemberName("dark-blue")] DarkBlue, [JsonStringEnumMemberName("NEON")] Neon }

/// <summary>Integers.</summary>
public sealed record Integers(sbyte I8, byte U8, short I16, ushort U16, int I32, uint U32, long I64, ulong U64);
/// <summary>Floats.</summary>
public sealed record Floats(float F32, double F64, decimal Dec);
/// <summary>Text.</summary>
public sealed record Text(string S, char C, bool Flag);
/// <summary>Identifiers.</summary>
public sealed record Identifiers(Guid Id, Uri Uri);
/// <summary>Dates.</summary>
public sealed record Dates(DateTime At, DateTimeOffset AtOffset, DateOnly Day, TimeOnly Time, TimeSpan Span);
/// <summary>Enums.</summary>
public sealed record Enums(Color Color, Shade Shade);
/// <summary>Nullable values.</summary>
public sealed record NullableValues(int? N, double? D, bool? B, Guid? G, DateTimeOffset? T, Color? Color, TimeSpan? Span, DateOnly? Day);
/// <summary>Nullable references.</summary>
public sealed record NullableRefs(string? S, Uri? U, Point? P, int[]? Xs, Leaf? Leaf);
/// <summary>A leaf.</summary>
/// <param name="Name">Its name.</param>
public sealed record Leaf(string Name);
/// <summary>Collections.</summary>
public sealed record Collections(int[] Array, List<string> List, IReadOnlyList<double> ReadOnly, List<Color> Seq, List<long> Bag);
/// <summary>Sets.</summary>
public sealed record Sets(HashSet<string> Names, HashSet<int> Numbers, HashSet<Guid> Ids);
/// <summary>Sets of values.</summary>
public sealed record ValueSets(HashSet<DateTimeOffset> Instants, HashSet<TimeSpan> Spans, HashSet<Uri> Uris);
/// <summary>Dictionaries.</summary>
public sealed record Dictionaries(Dictionary<string, int> Counts, Dictionary<string, Point> Points, Dictionary<string, string?> Labels);

/// <summary>A 2D point.</summary>
public struct Point
{
    /// <summary>X.</summary>
    public int X { get; set; }
    /// <summary>Y.</summary>
    public int Y { get; set; }
}

/// <summary>A size.</summary>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct Size(double Width, double Height);

/// <summary>Structs.</summary>
public sealed record Structs(Point Point, Size? Size);

/// <summary>An order.</summary>
/// <param name="Id">Order id.</param>
/// <param name="Customer">Who ordered.</param>
/// <param name="Lines">What was ordered.</param>
/// <param name="Note">A note.</param>
public sealed record Order(Guid Id, Customer Customer, IReadOnlyList<OrderLine> Lines, string? Note = null);
/// <summary>A customer.</summary>
/// <param name="Name">Name.</param>
/// <param name="Address">Address.</param>
public sealed record Customer(string Name, Address? Address);
/// <summary>An address.</summary>
/// <param name="Street">Street.</param>
/// <param name="City">City.</param>
/// <param name="Zip">Zip code.</param>
public sealed record Address(string Street, string City, [RegularExpression("[0-9]{5}")] string Zip);
/// <summary>A line of an order.</summary>
/// <param name="Sku">Stock keeping unit.</param>
/// <param name="Quantity">How many.</param>
/// <param name="Price">Unit price.</param>
public sealed record OrderLine(string Sku, [Range(1, 100)] int Quantity, decimal Price);
/// <summary>Order echo.</summary>
public sealed record OrderEcho(Order Order);

/// <summary>Settings: required members and initializers.</summary>
public sealed class Settings
{
    /// <summary>Name.</summary>
    public required string Name { get; set; }
    /// <summary>Retries.</summary>
    public required int Retries { get; init; }
    /// <summary>Timeout in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 30;
    /// <summary>Mode.</summary>
    public string Mode { get; set; } = "auto";
    /// <summary>Enabled.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Tags.</summary>
    public List<string>? Tags { get; set; }
}
/// <summary>Settings echo.</summary>
public sealed record SettingsEcho(Settings Settings);

/// <summary>A shipment (positional record with defaults).</summary>
/// <param name="Carrier">Carrier.</param>
/// <param name="Weight">Weight in kg.</param>
/// <param name="Express">Express shipping.</param>
/// <param name="Label">Label text.</param>
/// <param name="Priority">Priority.</param>
public sealed record Shipment(string Carrier, double Weight = 1.0, bool Express = false, string Label = "standard", Shade Priority = Shade.Light);
/// <summary>Shipment echo.</summary>
public sealed record ShipmentEcho(Shipment Shipment);

/// <summary>A tree node.</summary>
/// <param name="Value">Its value.</param>
/// <param name="Children">Its children.</param>
public sealed record TreeNode(int Value, IReadOnlyList<TreeNode>? Children);
/// <summary>Tree echo.</summary>
public sealed record TreeEcho(TreeNode Root);

/// <summary>Ranges.</summary>
public sealed record Ranges(int Percent, double Ratio, long Big, float Small, byte Narrow);
/// <summary>Lengths.</summary>
public sealed record Lengths(string Code, string[] Tags, List<int> Top, string Word, string ShortText);
/// <summary>Patterns.</summary>
public sealed record Patterns(string Sku, string Choice, string Digits);
/// <summary>Formats.</summary>
public sealed record Formats(string Email, string Url);
/// <summary>Allowed values.</summary>
public sealed record Allowed(string Tint, int Level, string User, int Divisor);
/// <summary>Required strings.</summary>
public sealed record RequiredStrings(string Name, string MaybeEmpty);
/// <summary>Defaults.</summary>
public sealed record Defaults(int Count, string Label, bool Verbose, double Factor, Color Color, string? Note, long? Limit);
/// <summary>Bytes.</summary>
public sealed record Bytes(byte[] Data);
/// <summary>Any JSON.</summary>
public sealed record Json(JsonElement Any, JsonNode? Node);

/// <summary>A profile with constrained members.</summary>
/// <param name="Handle">Handle.</param>
/// <param name="Age">Age.</param>
/// <param name="Email">Email.</param>
/// <param name="Homepage">Homepage.</param>
/// <param name="Tags">Tags.</param>
/// <param name="Level">Level.</param>
public sealed record Profile(
    [StringLength(12, MinimumLength = 3)] string Handle,
    [Range(0, 150)] int Age,
    [EmailAddress] string? Email,
    [Url] string? Homepage,
    [MaxLength(3)] IReadOnlyList<string>? Tags,
    [AllowedValues("bronze", "silver", "gold")] string Level = "bronze");
/// <summary>Profile echo.</summary>
public sealed record ProfileEcho(Profile Profile);

/// <summary>Renamed members.</summary>
public sealed record Renamed
{
    /// <summary>Renamed on the wire.</summary>
    [JsonPropertyName("wire_name")] public required string ClrName { get; init; }
    /// <summary>Not on the wire.</summary>
    [JsonIgnore] public string Hidden { get; init; } = "hidden";
    /// <summary>Ordinary.</summary>
    public int Plain { get; init; } = 7;
}
/// <summary>Renamed echo.</summary>
public sealed record RenamedEcho(Renamed Value);

/// <summary>A line item.</summary>
/// <param name="Name">Name.</param>
/// <param name="Quantity">Quantity.</param>
/// <param name="Unit">Unit.</param>
public sealed record LineItem([StringLength(20, MinimumLength = 1)] string Name, [Range(1, 500)] int Quantity, [AllowedValues("kg", "pcs")] string Unit = "pcs");
/// <summary>Line items.</summary>
public sealed record LineItems(List<LineItem> Items);
/// <summary>Nested collections.</summary>
public sealed record NestedCollections(List<List<int>> Grid, Dictionary<string, List<string>> Groups, int[][] Jagged);

/// <summary>Options with init-only members.</summary>
public sealed class Options
{
    /// <summary>Depth.</summary>
    public int Depth { get; init; } = 2;
    /// <summary>Title.</summary>
    public string Title { get; init; } = "untitled";
    /// <summary>Ratio.</summary>
    public double Ratio { get; init; } = 0.25;
    /// <summary>Mode.</summary>
    public Color Mode { get; init; } = Color.Blue;
    /// <summary>Key.</summary>
    public required string Key { get; init; }
}
/// <summary>Options echo.</summary>
public sealed record OptionsEcho(Options Options);

/// <summary>Nothing.</summary>
public sealed record Nothing;

/// <summary>Mixed.</summary>
public sealed record Mixed(string Id, Color? Tint, int? Rating, IReadOnlyList<string>? Aliases, Dictionary<string, double>? Weights);
