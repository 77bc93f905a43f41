using System.Text;
using McpGen.JsonRpc;
using McpGen.Protocol;
using Xunit;

namespace McpGen.Tests;

/// <summary>Method names are spelled once: the dispatch table, the parser's lookup and the revisions agree.</summary>
public sealed class MethodTableTests
{
    [Fact]
    public void Every_dispatched_method_is_known_to_the_parser_without_allocating()
    {
        foreach (var method in McpDispatcher.Methods)
        {
            string? known = KnownMethods.Find(Encoding.UTF8.GetBytes(method.Name));
            Assert.True(known is not null, $"'{method.Name}' is dispatched but missing from McpMethods (the parser would allocate it)");
            Assert.Same(method.Name, known);
        }
    }

    [Fact]
    public void Every_method_and_notification_constant_is_known_to_the_parser()
    {
        foreach (var name in McpMethods.All.Concat(McpNotifications.All))
            Assert.Same(name, KnownMethods.Find(Encoding.UTF8.GetBytes(name)));
        Assert.Null(KnownMethods.Find("tools/calls"u8));
    }

    [Fact]
    public void The_dispatch_table_has_each_method_once_and_one_handshake()
    {
        var names = McpDispatcher.Methods.Select(m => m.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(McpMethods.Initialize, Assert.Single(McpDispatcher.Methods, m => m.IsHandshake).Name);
    }

    [Fact]
    public void Every_method_a_revision_offers_is_dispatched()
    {
        var dispatched = McpDispatcher.Methods.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var revision in McpProtocolRevision.All)
            foreach (var method in McpMethods.All)
                if (revision.Offers(method)) Assert.Contains(method, dispatched);
    }

    [Fact]
    public void Revisions_are_found_by_version_and_negotiation_is_unchanged()
    {
        Assert.Same(McpProtocolRevision.V2025_06_18, McpProtocolRevision.Find("2025-06-18"));
        Assert.Null(McpProtocolRevision.Find("2099-01-01"));
        Assert.Equal(["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"], ProtocolVersions.Supported);
        Assert.Equal("2025-11-25", ProtocolVersions.Negotiate("1999-01-01"));
        // initialize never settles on a revision without a handshake
        Assert.Equal("2025-11-25", ProtocolVersions.Negotiate("2026-07-28"));
        Assert.Equal(JsonRpcErrorCodes.ResourceNotFound, McpProtocolRevision.V2025_11_25.ResourceNotFoundCode);
        Assert.Equal(JsonRpcErrorCodes.InvalidParams, McpProtocolRevision.V2026_07_28.ResourceNotFoundCode);
        Assert.False(McpProtocolRevision.V2025_11_25.Offers(McpMethods.ServerDiscover));
        Assert.True(McpProtocolRevision.V2026_07_28.Offers(McpMethods.ServerDiscover));
        foreach (var removed in new[] { McpMethods.Initialize, McpMethods.Ping, McpMethods.LoggingSetLevel, McpMethods.ResourcesSubscribe, McpMethods.ResourcesUnsubscribe })
            Assert.False(McpProtocolRevision.V2026_07_28.Offers(removed), removed);
    }
}
