using System.Text;
using System.Text.Json;
using McpGen.Binding;

namespace McpGen.Tests;

/// <summary>
/// <see cref="McpMembers"/>, which generated binders and object readers use: members are found first, then read in
/// declaration order; failures name the member being read; nothing is allocated.
/// </summary>
public class McpMembersTests
{
    // The member table of "name", "count", "tags": the names one after another, and their UTF-8 lengths.
    private static ReadOnlySpan<byte> Names => "namecounttags"u8;
    private const string Lengths = "\u0004\u0005\u0004";

    private static McpMembers Find(byte[] json, bool strict = true) => McpMembers.Find(json, Names, Lengths, strict);

    [Fact]
    public void Members_are_found_in_any_order_and_read_in_declaration_order()
    {
        byte[] json = """{"tags":["a",{"x":[1,2]}],"count":3,"name":"n"}"""u8.ToArray();
        var m = Find(json);
        Assert.True(m.Has(0) && m.Has(1) && m.Has(2));
        Assert.Equal("n", McpArgs.ReadString(ref m.Value(0)));
        Assert.Equal(3, McpArgs.ReadInt32(ref m.Value(1)));
        ref var tags = ref m.Value(2);
        Assert.Equal(JsonTokenType.StartArray, tags.TokenType);
        int start = (int)tags.TokenStartIndex; // in Slice, the JSON the reader reads
        tags.Skip();
        Assert.Equal("""["a",{"x":[1,2]}]""", Encoding.UTF8.GetString(m.Slice[start..(int)tags.BytesConsumed]));
        Assert.Equal(3, McpArgs.ReadInt32(ref m.Value(1))); // behind the walker: a reader on the value itself
        Assert.Equal((byte)'3', m.Slice[0]); // not the object walked again from its start
        Assert.Equal("n", McpArgs.ReadString(ref m.Value(0)));
    }

    [Fact]
    public void Absent_and_null_members_are_told_apart()
    {
        var m = Find("""{"count":null}"""u8.ToArray());
        Assert.False(m.Has(0));
        Assert.False(m.IsNull(0));
        Assert.True(m.Has(1));
        Assert.True(m.IsNull(1));
        Assert.Throws<InvalidOperationException>(() => { var n = Find("{}"u8.ToArray()); n.Value(0); });
    }

    [Fact]
    public void A_member_given_twice_keeps_its_last_value()
    {
        var m = Find("""{"count":1,"count":2}"""u8.ToArray());
        Assert.Equal(2, McpArgs.ReadInt32(ref m.Value(1)));
    }

    [Fact]
    public void An_unknown_property_is_an_error_naming_the_closest_name_or_is_skipped()
    {
        var e = Assert.Throws<McpInvalidParamsException>(() => Find("""{"cuont":1}"""u8.ToArray()));
        Assert.Equal("cuont", e.Path);
        Assert.Contains("did you mean 'count'?", e.Problem, StringComparison.Ordinal);
        var m = Find("""{"other":{"deep":[1]},"name":"n"}"""u8.ToArray(), strict: false);
        Assert.Equal("n", McpArgs.ReadString(ref m.Value(0)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Anything_but_an_object_is_refused(string json)
    {
        Assert.Throws<McpInvalidParamsException>(() => Find(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void A_missing_required_member_names_itself_and_a_failure_names_the_current_member()
    {
        var m = Find("""{"count":"three"}"""u8.ToArray());
        McpInvalidParamsException? missing = null, failure = null;
        try { m.Required(0); } catch (McpInvalidParamsException e) { missing = m.Prepend(e); }
        Assert.Equal("name", missing?.Path); // not "name.name": the member is not current while it is missing
        try { McpArgs.ReadInt32(ref m.Value(1)); } catch (McpInvalidParamsException e) { failure = m.Prepend(e); }
        Assert.Equal("count", failure?.Path);
        Assert.Equal("count[2].x", m.Prepend(McpInvalidParamsException.At("[2].x", "is wrong.")).Path);
    }

    [Fact]
    public void Members_written_in_reverse_order_are_each_read_from_their_own_value()
    {
        // A hostile order must not make reading walk the object again for every member (quadratic in its size).
        var json = new StringBuilder("{");
        for (int i = 2; i >= 0; i--) json.Append(i < 2 ? "," : "").Append('"').Append(Encoding.UTF8.GetString(Names.Slice(i == 0 ? 0 : i == 1 ? 4 : 9, Lengths[i]))).Append("\":[").Append(string.Join(",", Enumerable.Repeat(i, 1000))).Append(']');
        json.Append('}');
        var m = Find(Encoding.UTF8.GetBytes(json.ToString()));
        for (int i = 0; i < 3; i++)
        {
            ref var items = ref m.Value(i);
            // The first is walked to (it is ahead); the others are behind it: each gets a reader starting at its value.
            if (i > 0) Assert.Equal(0, (int)items.TokenStartIndex);
            int count = 0;
            while (items.Read() && items.TokenType == JsonTokenType.Number) { Assert.Equal(i, items.GetInt32()); count++; }
            Assert.Equal(1000, count);
        }
    }

    [Fact]
    public void Objects_wider_than_the_inline_slots_are_found_too()
    {
        var names = new StringBuilder();
        var lengths = new StringBuilder();
        var json = new StringBuilder("{");
        for (int i = 0; i < 70; i++)
        {
            string name = "m" + i;
            names.Append(name);
            lengths.Append((char)name.Length);
            if (i % 3 == 0) json.Append(json.Length > 1 ? "," : "").Append('"').Append(name).Append("\":").Append(i);
        }
        json.Append('}');
        byte[] tableNames = Encoding.UTF8.GetBytes(names.ToString());
        var m = McpMembers.Find(Encoding.UTF8.GetBytes(json.ToString()), tableNames, lengths.ToString(), strict: true);
        for (int i = 0; i < 70; i++)
        {
            Assert.Equal(i % 3 == 0, m.Has(i));
            if (i % 3 == 0) Assert.Equal(i, McpArgs.ReadInt32(ref m.Value(i)));
        }
    }

    [Fact]
    public void Finding_and_reading_allocate_nothing()
    {
        byte[] json = """{"tags":[1,2,3],"count":3,"name":"n"}"""u8.ToArray();
        static long Run(byte[] json)
        {
            var m = McpMembers.Find(json, Names, Lengths, strict: true);
            long sum = McpArgs.ReadInt32(ref m.Value(1));
            ref var tags = ref m.Value(2);
            while (tags.Read() && tags.TokenType == JsonTokenType.Number) sum += tags.GetInt32();
            return sum + (m.Has(0) ? 1 : 0);
        }
        Assert.Equal(10, Run(json)); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        for (int i = 0; i < 100; i++) total += Run(json);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, total);
    }
}
