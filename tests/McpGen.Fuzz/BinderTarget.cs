using System.Text;
using System.Text.Json;
using McpGen.JsonRpc;

namespace McpGen.Fuzz;

/// <summary>
/// Feeds mutated <c>tools/call</c> arguments to the generated binders of <see cref="FuzzTools"/>, in process, through
/// the real dispatch path. Invariants: every call gets exactly one response; it is a tool result or a JSON-RPC error
/// of the documented kinds (invalid params), never an internal error (-32603), which would mean a binder or writer
/// failed in a way it did not report.
/// </summary>
internal sealed class BinderTarget : IMcpMessageWriter
{
    private readonly List<byte[]> _responses = [];

    public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> utf8Message, McpOutboundMessageKind kind, CancellationToken cancellationToken)
    {
        _responses.Add(utf8Message.ToArray());
        return default;
    }

    /// <summary>Valid calls to every fuzz tool: the seeds the mutator damages.</summary>
    public static readonly string[] Seeds =
    [
        """{"name":"scalars","arguments":{"i":1,"l":9007199254740993,"d":1.5,"m":12.25,"b":true,"s":"x","c":"q","by":255,"u":4000000000,"f":0.5}}""",
        """{"name":"optionals","arguments":{"i":null,"s":"text","d":2,"color":"Green","maybe":"Blue"}}""",
        """{"name":"dates","arguments":{"dt":"2026-11-24T10:00:00","dto":"2026-11-24T10:00:00+01:00","day":"2026-11-24","time":"10:00:00","span":"P1DT2H","id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","uri":"https://example.com/a?b=c"}}""",
        """{"name":"collections","arguments":{"numbers":[1,2,3],"words":["a","b"],"map":{"x":1.5},"colors":["Red","Blue"],"points":[{"x":1,"y":2}]}}""",
        """{"name":"records","arguments":{"shape":{"name":"tri","origin":{"x":0,"y":0},"corners":[{"x":1,"y":1},{"x":2,"y":0}],"fill":"Red","label":null},"tree":{"value":1,"children":[{"value":2,"children":[]}]}}}""",
        """{"name":"constrained","arguments":{"n":5,"code":"abc","word":"hello","email":"a@b.co","few":[1,2]}}""",
    ];

    public static async Task<FuzzOutcome> RunAsync(Mutator mutator, Random random, TimeSpan budget, Findings findings)
    {
        var options = new McpServerOptions();
        options.Add(McpGen.Generated.GeneratedMcpRegistry.Instance);
        await using var server = new McpServer(options);
        var target = new BinderTarget();
        var session = server.CreateSession(target);
        await Initialize(session, target);
        var seeds = Seeds.Select(Encoding.UTF8.GetBytes).ToList();
        long executions = 0;
        var deadline = DateTime.UtcNow + budget;
        while (DateTime.UtcNow < deadline)
        {
            for (int i = 0; i < 64; i++, executions++)
            {
                var seed = seeds[random.Next(seeds.Count)];
                var (parameters, strategy) = random.Next(2) == 0 ? (mutator.MutateStructurally(seed), "structural") : mutator.Mutate(seed);
                string? failure = await CheckAsync(session, target, parameters, executions + 1);
                if (failure is not null) findings.Add("binders", strategy, parameters, failure);
            }
        }
        return new FuzzOutcome("generated binders (in process)", executions);
    }

    private static async Task Initialize(McpSession session, BinderTarget target)
    {
        await session.ProcessMessageAsync(JsonRpcMessageParser.Parse(
            """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"fuzz","version":"1"}}}"""u8.ToArray()), target);
        await session.ProcessMessageAsync(JsonRpcMessageParser.Parse("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray()), target);
        target._responses.Clear();
    }

    public static async Task<string?> CheckAsync(McpSession session, BinderTarget target, byte[] parameters, long id)
    {
        // The mutated bytes become the params of a request; bytes that are not a JSON object are the parser's business.
        byte[] message = [.. "{\"jsonrpc\":\"2.0\",\"id\":"u8, .. Encoding.UTF8.GetBytes(id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. ",\"method\":\"tools/call\",\"params\":"u8, .. parameters, .. "}"u8];
        JsonRpcMessage parsed;
        try { parsed = JsonRpcMessageParser.Parse(message); }
        catch (JsonRpcParseException) { return null; }
        if (parsed.Kind != JsonRpcMessageKind.Request) return null;
        target._responses.Clear();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await session.ProcessMessageAsync(parsed, target, timeout.Token);
        }
        catch (Exception ex)
        {
            return "the dispatcher threw " + ex.GetType().Name + ": " + ex.Message;
        }
        var answers = target._responses.Select(r => JsonDocument.Parse(r).RootElement.Clone()).Where(r => !r.TryGetProperty("method", out _)).ToList();
        if (answers.Count != 1) return $"{answers.Count} responses to one request";
        var answer = answers[0];
        if (!answer.TryGetProperty("id", out var answerId) || answerId.GetRawText() != id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            return "the response has the wrong id: " + answer.GetRawText();
        if (answer.TryGetProperty("error", out var error) && error.GetProperty("code").GetInt32() == JsonRpcErrorCodes.InternalError)
            return "internal error: " + answer.GetRawText();
        return null;
    }
}
