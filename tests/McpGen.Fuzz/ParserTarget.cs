using System.Text.Json;
using McpGen.JsonRpc;

namespace McpGen.Fuzz;

/// <summary>
/// Feeds mutated bytes to the JSON-RPC envelope parser. Invariants: it returns a message or throws
/// <see cref="JsonRpcParseException"/>, nothing else; slices of a parsed message are themselves valid JSON.
/// </summary>
internal static class ParserTarget
{
    public static FuzzOutcome Run(Mutator mutator, IReadOnlyList<byte[]> seeds, Random random, TimeSpan budget, Findings findings)
    {
        long executions = 0;
        var deadline = DateTime.UtcNow + budget;
        while (DateTime.UtcNow < deadline)
        {
            for (int i = 0; i < 256; i++, executions++)
            {
                var (input, strategy) = mutator.Mutate(seeds[random.Next(seeds.Count)]);
                string? failure = Check(input);
                if (failure is not null) findings.Add("parser", strategy, input, failure);
            }
        }
        return new FuzzOutcome("JSON-RPC parser", executions);
    }

    public static string? Check(byte[] input)
    {
        try
        {
            var message = JsonRpcMessageParser.Parse(input);
            foreach (var slice in new[] { message.Params, message.Result, message.ErrorData })
            {
                if (slice.IsEmpty) continue;
                using var doc = JsonDocument.Parse(slice, new JsonDocumentOptions { MaxDepth = 256 });
            }
            if (message.HasMethod && message.Method is null) return "a request without a method was accepted";
            return null;
        }
        catch (JsonRpcParseException ex) when (ex.ErrorCode is JsonRpcErrorCodes.ParseError or JsonRpcErrorCodes.InvalidRequest or JsonRpcErrorCodes.InvalidParams)
        {
            return null;
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }
}
