using System.Security.Cryptography;
using System.Text;

namespace McpGen.Tests;

public class RequestStateProtectorTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly byte[] Binding = Encoding.UTF8.GetBytes("alice\0tools/call\0digest");

    [Fact]
    public void Opens_what_it_sealed_for_the_same_binding_only()
    {
        var protector = new McpRequestStateProtector([RandomNumberGenerator.GetBytes(32)], TimeSpan.FromMinutes(5));
        string state = protector.Seal("""{"a":1}"""u8, Binding);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(protector.Open(state, Binding, out _)!));
        Assert.Null(protector.Open(state, Encoding.UTF8.GetBytes("mallory\0tools/call\0digest"), out string? problem));
        Assert.Contains("another user", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\"a\"", state, StringComparison.Ordinal); // encrypted, not just signed
    }

    [Fact]
    public void Expires_after_its_time_to_live()
    {
        var clock = new Clock(DateTimeOffset.Parse("2026-12-02T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var protector = new McpRequestStateProtector([RandomNumberGenerator.GetBytes(32)], TimeSpan.FromMinutes(5), clock);
        string state = protector.Seal("{}"u8, Binding);
        clock.Now += TimeSpan.FromMinutes(4);
        Assert.NotNull(protector.Open(state, Binding, out _));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Null(protector.Open(state, Binding, out string? problem));
        Assert.Contains("expired", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rotated_ring_still_opens_state_sealed_with_the_previous_key()
    {
        byte[] old = RandomNumberGenerator.GetBytes(32), current = RandomNumberGenerator.GetBytes(32);
        string sealedBefore = new McpRequestStateProtector([old], TimeSpan.FromMinutes(5)).Seal("{}"u8, Binding);
        var rotated = new McpRequestStateProtector([current, old], TimeSpan.FromMinutes(5));
        Assert.NotNull(rotated.Open(sealedBefore, Binding, out _));
        Assert.Null(new McpRequestStateProtector([current], TimeSpan.FromMinutes(5)).Open(sealedBefore, Binding, out string? problem));
        Assert.Contains("key", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("AAAA")]
    public void Garbage_is_refused_without_throwing(string state)
    {
        var protector = McpRequestStateProtector.CreateEphemeral();
        Assert.Null(protector.Open(state, Binding, out string? problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Keys_must_be_256_bits()
    {
        Assert.Throws<ArgumentException>(() => new McpRequestStateProtector([new byte[16]], TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => new McpRequestStateProtector([], TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new McpRequestStateProtector([new byte[32]], TimeSpan.FromDays(2)));
    }
}
