using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace McpGen.Binding;

/// <summary>
/// The members of one JSON object, found first and read afterwards, so that a generated binder or object reader is
/// one constructor call over <see cref="Value"/>s instead of a loop with a switch (which cost the user's build
/// several times more to compile: issue 16 item 11). <c>Find</c>
/// walks the object once, checks every property name against the member table and records where each known member's
/// value starts; <see cref="Value"/> gives a reader positioned on it. The object's bytes are read twice (once to find,
/// once to read); nothing is allocated.
/// </summary>
/// <remarks>
/// The member table is the JSON names one after another as one UTF-8 literal, and their UTF-8 lengths as a string of
/// one char each. A property given twice keeps its last value, as System.Text.Json does.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct McpMembers
{
    private readonly ReadOnlySpan<byte> _json;
    private readonly ReadOnlySpan<byte> _names;
    private readonly string _lengths;
    // 1 + the offset of each member's value in _json; 0 when the member is absent. Inline for up to Capacity members
    // (no allocation, and no stackalloc in generated code, whose span could not be returned with the reader's JSON).
    private Starts _inline; // filled by Find through a span over it
    private readonly int[]? _more;
    private Utf8JsonReader _walker; // on (or after) the value last handed out; reads _json from _walkerBase on
    private int _walkerBase;
    private bool _detached; // the walker reads from a member's value on: it cannot walk on to the next member
    private int _current;

    private const int Capacity = 32;

    [InlineArray(Capacity)]
    private struct Starts
    {
        private int _first;
    }

    private McpMembers(ReadOnlySpan<byte> json, ReadOnlySpan<byte> names, string lengths)
    {
        _json = json;
        _names = names;
        _lengths = lengths;
        _more = lengths.Length > Capacity ? new int[lengths.Length] : null;
        _current = -1;
    }

    private readonly int Start(int index) => _more is null ? _inline[index] : _more[index];

    /// <summary>
    /// Finds the members of the object at <paramref name="reader"/> (which reads <paramref name="json"/>) and leaves the
    /// reader on its end. With <paramref name="strict"/>, a property the table does not name is an error naming the
    /// closest known name; otherwise it is skipped.
    /// </summary>
    public static McpMembers Find(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadOnlySpan<byte> names, string lengths, bool strict)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        McpArgs.ExpectObject(ref reader);
        var members = new McpMembers(json, names, lengths);
        members._walker = reader;
        Span<int> starts = members._more is { } more ? more : members._inline;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int index = McpArgs.FindMember(ref reader, names, lengths);
            if (index < 0 && strict) throw McpArgs.Unknown(ref reader, McpArgs.KnownMembers(names, lengths));
            reader.Read();
            if (index >= 0) starts[index] = checked((int)reader.TokenStartIndex + 1);
            reader.Skip();
        }
        return members;
    }

    /// <summary>Finds the members of the arguments object <paramref name="arguments"/> (a tool's or prompt's).</summary>
    public static McpMembers Find(ReadOnlySpan<byte> arguments, ReadOnlySpan<byte> names, string lengths, bool strict)
    {
        var reader = new Utf8JsonReader(arguments);
        reader.Read();
        return Find(ref reader, arguments, names, lengths, strict);
    }

    /// <summary>Whether member <paramref name="index"/> was given.</summary>
    public readonly bool Has(int index) => Start(index) != 0;

    /// <summary>Whether member <paramref name="index"/> is a JSON <c>null</c> (false when it is absent).</summary>
    public readonly bool IsNull(int index) => Start(index) is int start && start != 0 && _json[start - 1] == (byte)'n';

    /// <summary>
    /// A reader on the value of member <paramref name="index"/>, which must be present (<see cref="Has"/>); the member
    /// becomes the current one, whose name <see cref="Prepend"/> puts in front of a failure's path. <see cref="Slice"/>
    /// is the JSON the reader reads.
    /// </summary>
    /// <remarks>
    /// One reader walks the object forward from value to value, so members read in the order the client wrote them
    /// (the usual case) cost one more pass over the object and no new reader (constructing a Utf8JsonReader costs
    /// more than reading a small value). A member behind the walker gets a new reader on its value, and so do the
    /// members after it: the object is never walked again from its start, so no order a client chooses makes reading
    /// cost more than one pass plus one new reader per member.
    /// </remarks>
    [UnscopedRef]
    public ref Utf8JsonReader Value(int index)
    {
        int target = Start(index) - 1;
        if (target < 0) throw new InvalidOperationException("The member is absent.");
        _current = index;
        if (_detached || _walker.TokenStartIndex + _walkerBase >= target)
        {
            // A reader on the value itself (its offsets count from there); it ends with the value, so it cannot walk on.
            _walkerBase = target;
            _walker = new Utf8JsonReader(_json.Slice(target));
            _walker.Read();
            _detached = true;
            return ref _walker;
        }
        while (true)
        {
            _walker.Read(); // a property name (the target lies ahead, so not the object's end)
            _walker.Read(); // its value
            if (_walker.TokenStartIndex + _walkerBase == target) return ref _walker;
            _walker.Skip();
        }
    }

    /// <summary>As <see cref="Value"/>, but an absent member is an error: "is required but missing".</summary>
    [UnscopedRef]
    public ref Utf8JsonReader Required(int index)
    {
        if (Start(index) == 0)
        {
            _current = -1; // the error names the member itself: no prefix
            throw McpArgs.Missing(McpArgs.MemberName(_names, _lengths, index));
        }
        return ref Value(index);
    }

    /// <summary>The JSON the readers of <see cref="Value"/> read (for readers of objects and collections).</summary>
    public readonly ReadOnlySpan<byte> Slice => _json.Slice(_walkerBase);

    /// <summary>The failure <paramref name="inner"/> with the current member's name in front of its path (the error path only).</summary>
    public readonly McpInvalidParamsException Prepend(McpInvalidParamsException inner) =>
        _current < 0 ? inner : McpArgs.Prepend(inner, _names, _lengths, _current);
}
