using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace McpGen.AspNetCore;

/// <summary>
/// Who a new session counts against, so one user cannot take every session: an authenticated principal by its subject,
/// an anonymous client by its address (IPv6 by its /64 prefix, which one host controls). Loopback clients without a
/// subject count against no one unless <see cref="McpHttpOptions.LimitLoopbackClients"/> is set: a reverse proxy on
/// the same host makes every client look like 127.0.0.1 (forward the real address with <c>UseForwardedHeaders</c>).
/// </summary>
internal sealed class SessionQuota
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>The partition key of a request (null: not limited), and the cap that applies to it.</summary>
    public static (string? Key, int Max) PartitionOf(HttpContext context, string? owner, McpHttpOptions options)
    {
        if (owner is not null) return ("user:" + owner, options.MaxSessionsPerUser);
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return (null, 0);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) && !options.LimitLoopbackClients) return (null, 0);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
            return ("net:" + address + "/64", options.MaxSessionsPerClientAddress);
        }
        return ("addr:" + address, options.MaxSessionsPerClientAddress);
    }


    /// <summary>Gives one back (the session ended or expired).</summary>
    public void Release(string key)
    {
        lock (_counts)
        {
            int count = _counts.GetValueOrDefault(key);
            if (count <= 1) _counts.Remove(key);
            else _counts[key] = count - 1;
        }
    }

    /// <summary>Takes one of <paramref name="key"/>'s sessions; false when it has <paramref name="max"/> already.</summary>
    public bool TryTake(string key, int max)
    {
        lock (_counts)
        {
            int count = _counts.GetValueOrDefault(key);
            if (count >= max) return false;
            _counts[key] = count + 1;
            return true;
        }
    }

}
