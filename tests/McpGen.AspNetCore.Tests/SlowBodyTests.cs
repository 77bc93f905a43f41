using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace McpGen.AspNetCore.Tests;

/// <summary>Issue 14 item 6: slow request bodies, sent by a real client over a socket on 127.0.0.1.</summary>
public class SlowBodyTests
{
    private static async Task<NetworkStream> SendHeadAsync(TcpClient client, Uri endpoint, int contentLength, string bodyStart)
    {
        await client.ConnectAsync("127.0.0.1", endpoint.Port);
        var stream = client.GetStream();
        string head = $"POST {endpoint.AbsolutePath} HTTP/1.1\r\nHost: 127.0.0.1:{endpoint.Port}\r\nContent-Type: application/json\r\n" +
                      $"Accept: application/json, text/event-stream\r\nContent-Length: {contentLength}\r\n\r\n{bodyStart}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
        return stream;
    }

    /// <summary>Reads until the server closes the connection (or the deadline); returns what came.</summary>
    private static async Task<(string Text, bool Closed)> ReadUntilClosedAsync(NetworkStream stream, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        var buffer = new byte[8192];
        var text = new StringBuilder();
        try
        {
            while (true)
            {
                int n = await stream.ReadAsync(buffer, cts.Token);
                if (n == 0) return (text.ToString(), true);
                text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }
        catch (OperationCanceledException) { return (text.ToString(), false); }
        catch (IOException) { return (text.ToString(), true); } // reset by the server: closed as well
    }

    private static JsonElement JsonBody(string response) => JsonDocument.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement.Clone();

    [Fact]
    public async Task A_body_that_stalls_gets_408_and_its_connection_is_closed()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.RequestBodyTimeout = TimeSpan.FromSeconds(1));
        using var client = new TcpClient();
        var watch = Stopwatch.StartNew();
        var stream = await SendHeadAsync(client, server.Endpoint, 100_000, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":{\"pad\":\"" + new string('x', 60_000));
        var (text, closed) = await ReadUntilClosedAsync(stream, TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 408 ", text, StringComparison.Ordinal);
        Assert.True(closed, "the connection stayed open after the 408");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(15));
        var body = JsonBody(text);
        Assert.Equal(-32600, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("Request Timeout: the request body did not arrive within 1 s.", body.GetProperty("error").GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("id", out _)); // the body was never read whole: no id
        // The server goes on.
        string session = await server.InitializeAsync();
        var (ping, _) = await server.RequestAsync(session, """{"jsonrpc":"2.0","id":2,"method":"ping"}""");
        Assert.Equal(2, ping.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_body_that_trickles_in_is_cut_off_at_the_deadline_for_the_whole_body()
    {
        await using var server = await TestHttpServer.StartAsync(o => o.RequestBodyTimeout = TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        var watch = Stopwatch.StartNew();
        var stream = await SendHeadAsync(client, server.Endpoint, 10_000, "{\"jsonrpc\":\"2.0\",\"id\":9,");
        var reading = ReadUntilClosedAsync(stream, TimeSpan.FromSeconds(30));
        // One byte every 200 ms: never idle for long, yet far too slow (10 KB would take half an hour).
        for (int i = 0; i < 100 && !reading.IsCompleted; i++)
        {
            try { await stream.WriteAsync(" "u8.ToArray()); }
            catch (IOException) { break; }
            await Task.Delay(200);
        }
        var (text, closed) = await reading;
        Assert.StartsWith("HTTP/1.1 408 ", text, StringComparison.Ordinal);
        Assert.True(closed);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(19));
    }

    [Fact]
    public async Task Bodies_being_received_share_one_byte_budget()
    {
        await using var server = await TestHttpServer.StartAsync(o => { o.MaxPendingRequestBodyBytes = 100_000; o.RequestBodyTimeout = TimeSpan.FromSeconds(60); });
        using var holder = new TcpClient();
        var held = await SendHeadAsync(holder, server.Endpoint, 200_000, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + new string('x', 80_000));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the server has read (and reserved) what was sent

        using var second = new TcpClient();
        var stream = await SendHeadAsync(second, server.Endpoint, 50_000, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"pad\":\"" + new string('y', 40_000));
        var (text, _) = await ReadUntilClosedAsync(stream, TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 503 ", text, StringComparison.Ordinal);
        var body = JsonBody(text);
        Assert.Equal(-32000, body.GetProperty("error").GetProperty("code").GetInt32());

        holder.Close(); // the held body is released when its client goes
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var after = await server.Client.SendAsync(TestHttpServer.Post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + new string('z', 60_000) + "\",\"version\":\"1\"}}}"));
        Assert.Equal(System.Net.HttpStatusCode.OK, after.StatusCode);
    }
}
