using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using McpGen.Transports;
using Xunit;

namespace McpGen.Testing;

/// <summary>
/// Drives a real <see cref="StdioServerTransport"/> over in-memory pipes: writes raw lines, reads every line the
/// server writes, and correlates responses by id. No protocol is mocked: the bytes are what a process would see.
/// </summary>
public sealed class InMemoryClient : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly Channel<JsonElement> _incoming = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _all = [];
    private readonly Task _serverTask;
    private readonly Task _readTask;
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;

    public InMemoryClient(McpServer server)
    {
        Server = server;
        _serverTask = StdioServerTransport.RunAsync(server, _toServer.Reader.AsStream(), _fromServer.Writer.AsStream(), _stop.Token);
        _readTask = Task.Run(ReadLoopAsync);
    }

    public McpServer Server { get; }

    public Task ServerTask => _serverTask;

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<JsonElement> Received { get { lock (_all) return _all.ToArray(); } }

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    public async Task SendRawAsync(string line)
    {
        await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
    }

    public async Task SendRawBytesAsync(byte[] bytes)
    {
        await _toServer.Writer.WriteAsync(bytes);
    }

    public Task NotifyAsync(string method, object? @params = null) =>
        SendRawAsync(JsonSerializer.Serialize(new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = @params ?? new { } }, TestJson.Options));

    /// <summary>Sends a request with a fresh numeric id and returns that id.</summary>
    public async Task<int> SendRequestAsync(string method, object? @params = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new Dictionary<string, object?> { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method };
        if (@params is not null) message["params"] = @params;
        await SendRawAsync(JsonSerializer.Serialize(message, TestJson.Options));
        return id;
    }

    /// <summary>Sends a request and waits for its response (result or error), answering nothing else.</summary>
    public async Task<JsonElement> RequestAsync(string method, object? @params = null)
    {
        int id = await SendRequestAsync(method, @params);
        return await WaitForResponseAsync(id);
    }

    public async Task<JsonElement> ResultAsync(string method, object? @params = null)
    {
        var response = await RequestAsync(method, @params);
        Assert.True(response.TryGetProperty("result", out var result), "Expected a result, got: " + response.GetRawText());
        return result;
    }

    public async Task<JsonElement> InitializeAsync(object? capabilities = null, string protocolVersion = "2025-11-25")
    {
        var result = await ResultAsync("initialize", new
        {
            protocolVersion,
            capabilities = capabilities ?? new { },
            clientInfo = new { name = "mcpgen-tests", version = "1.0" },
        });
        await NotifyAsync("notifications/initialized");
        return result;
    }

    /// <summary>Waits for the response with <paramref name="id"/> (a number or a string id).</summary>
    public Task<JsonElement> WaitForResponseAsync(object id) =>
        WaitForAsync(m => !m.TryGetProperty("method", out _) && m.TryGetProperty("id", out var i) && IdEquals(i, id));

    /// <summary>Waits for the next message matching <paramref name="predicate"/> (messages are not consumed: any test may look again).</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        int seen = 0;
        while (true)
        {
            JsonElement[] snapshot;
            lock (_all) snapshot = _all.ToArray();
            for (; seen < snapshot.Length; seen++)
            {
                if (predicate(snapshot[seen])) return snapshot[seen];
            }
            try
            {
                await _incoming.Reader.WaitToReadAsync(cts.Token);
                while (_incoming.Reader.TryRead(out _)) { }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching message within the timeout. Received: " + string.Join("\n", Received.Select(r => r.GetRawText())));
            }
        }
    }

    /// <summary>Asserts that no message matching <paramref name="predicate"/> arrives within <paramref name="wait"/>.</summary>
    public async Task AssertNoMessageAsync(Func<JsonElement, bool> predicate, TimeSpan wait)
    {
        await Task.Delay(wait);
        Assert.DoesNotContain(Received, m => predicate(m));
    }

    private static bool IdEquals(JsonElement element, object id) => id switch
    {
        int n => element.ValueKind == JsonValueKind.Number && element.GetRawText() == n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        long n => element.ValueKind == JsonValueKind.Number && element.GetRawText() == n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        string s when element.ValueKind == JsonValueKind.String => element.GetString() == s,
        string raw => element.GetRawText() == raw,
        null => element.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private async Task ReadLoopAsync()
    {
        var reader = _fromServer.Reader;
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is SequencePosition nl)
            {
                var line = buffer.Slice(0, nl);
                var element = JsonDocument.Parse(line).RootElement.Clone();
                lock (_all) _all.Add(element);
                _incoming.Writer.TryWrite(element);
                buffer = buffer.Slice(buffer.GetPosition(1, nl));
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) break;
        }
        _incoming.Writer.TryComplete();
    }

    /// <summary>Ends the input (like stdin EOF) and waits for the server loop to finish.</summary>
    public async Task CloseInputAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await _serverTask.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _toServer.Writer.CompleteAsync();
        try { await _serverTask.WaitAsync(TimeSpan.FromSeconds(30)); } catch (OperationCanceledException) { }
        await _fromServer.Writer.CompleteAsync();
        try { await _readTask.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
    }
}

public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
