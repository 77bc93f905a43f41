using McpGen;
using McpGen.Protocol;

namespace Everything;

/// <summary>
/// Tools and a prompt that ask the client for input. The same code serves both eras: in a 2025-era session each ask
/// is a request to the client; in revision 2026-07-28 it ends the request with an input-required result, and the
/// client's retry re-runs the method with the answers (the input keys are the ones the conformance suite expects).
/// </summary>
public static class InputRequired
{
    private static ElicitationSchema OneString(string name) => new()
    {
        Properties = new Dictionary<string, PrimitiveSchemaDefinition> { [name] = new StringSchema() },
        Required = [name],
    };

    private static readonly ElicitationSchema Confirm = new()
    {
        Properties = new Dictionary<string, PrimitiveSchemaDefinition> { ["ok"] = new BooleanSchema() },
        Required = ["ok"],
    };

    private static CreateMessageRequestParams Sample(string text, int maxTokens) => new() { Messages = [SamplingMessage.User(text)], MaxTokens = maxTokens };

    private static string Text(ElicitResult answer, string field) =>
        answer.Content is { } content && content.TryGetValue(field, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : "(none)";

    private static string Text(CreateMessageResult result) => result.Content is [TextContentBlock text, ..] ? text.Text : "no response";

    /// <summary>MRTR: asks the user's name by elicitation</summary>
    [McpTool("test_input_required_result_elicitation")]
    public static async Task<string> Elicitation(McpRequestContext context) =>
        $"Hello, {Text(await context.ElicitAsync(ElicitRequestParams.Form("What is your name?", OneString("name")), "user_name"), "name")}!";

    /// <summary>MRTR: asks the client's model a question</summary>
    [McpTool("test_input_required_result_sampling")]
    public static async Task<string> Sampling(McpRequestContext context) =>
        "Sampling result: " + Text(await context.SampleAsync(Sample("What is the capital of France?", 100), "sample_request"));

    /// <summary>MRTR: asks the client for its roots</summary>
    [McpTool("test_input_required_result_list_roots")]
    public static async Task<string> ListRoots(McpRequestContext context) =>
        $"Found {(await context.ListRootsAsync("roots_request")).Roots.Count} root(s)";

    /// <summary>MRTR: asks for a confirmation, carrying state between rounds</summary>
    [McpTool("test_input_required_result_request_state")]
    public static async Task<string> RequestState(McpRequestContext context)
    {
        var answer = await context.ElicitAsync(ElicitRequestParams.Form("Please confirm", Confirm), "confirm");
        return answer.Content?["ok"].ValueKind == System.Text.Json.JsonValueKind.True ? "state-ok: requestState validated" : "not confirmed";
    }

    /// <summary>MRTR: asks for three inputs at once</summary>
    [McpTool("test_input_required_result_multiple_inputs")]
    public static async Task<string> MultipleInputs(McpRequestContext context)
    {
        // Started together, so one input-required result carries all three.
        var name = context.ElicitAsync(ElicitRequestParams.Form("What is your name?", OneString("name")), "user_name").AsTask();
        var greeting = context.SampleAsync(Sample("Generate a greeting", 50), "greeting").AsTask();
        var roots = context.ListRootsAsync("client_roots").AsTask();
        await Task.WhenAll(name, greeting, roots);
        return $"Name: {Text(name.Result, "name")}; Greeting: {Text(greeting.Result)}; Roots: {roots.Result.Roots.Count}";
    }

    /// <summary>MRTR: asks twice, one round after the other</summary>
    [McpTool("test_input_required_result_multi_round")]
    public static async Task<string> MultiRound(McpRequestContext context)
    {
        var name = await context.ElicitAsync(ElicitRequestParams.Form("Step 1: What is your name?", OneString("name")), "step1");
        var color = await context.ElicitAsync(ElicitRequestParams.Form("Step 2: What is your favorite color?", OneString("color")), "step2");
        return $"Multi-round complete for {Text(name, "name")} who likes {Text(color, "color")}";
    }

    /// <summary>MRTR: integrity of the sealed requestState</summary>
    [McpTool("test_input_required_result_tampered_state")]
    public static async Task<string> TamperedState(McpRequestContext context)
    {
        await context.ElicitAsync(ElicitRequestParams.Form("Please confirm", Confirm), "confirm");
        return "integrity-ok: state verified";
    }

    /// <summary>MRTR: asks only for what the client declared it supports</summary>
    [McpTool("test_input_required_result_capabilities")]
    public static async Task<string> Capabilities(McpRequestContext context)
    {
        var asks = new List<Task>();
        var received = new List<string>();
        if (context.ClientCapabilities.Elicitation is not null)
            asks.Add(Ask(context.ElicitAsync(ElicitRequestParams.Form("Elicitation input", OneString("value")), "elicit_input").AsTask(), "elicit_input", received));
        if (context.ClientCapabilities.Sampling is not null)
            asks.Add(Ask(context.SampleAsync(Sample("Sample request", 50), "sample_input").AsTask(), "sample_input", received));
        if (asks.Count == 0) return "No supported capabilities declared";
        await Task.WhenAll(asks);
        return "capabilities-ok: received " + string.Join(",", received);

        static async Task Ask(Task ask, string key, List<string> received)
        {
            await ask;
            lock (received) received.Add(key);
        }
    }

    /// <summary>Needs the sampling capability</summary>
    [McpTool("test_missing_capability")]
    public static async Task<string> MissingCapability(McpRequestContext context)
    {
        await context.SampleAsync(Sample("Say hi", 10));
        return "Success";
    }

    /// <summary>Reports progress on its own stream, then asks for a confirmation</summary>
    [McpTool("test_streaming_elicitation")]
    public static async Task<string> StreamingElicitation(McpRequestContext context)
    {
        await context.ReportProgressAsync(50, 100, "half way");
        await context.ElicitAsync(ElicitRequestParams.Form("Continue?", Confirm), "continue");
        return "Streaming complete";
    }

    /// <summary>Logs only when the request asked for a log level</summary>
    [McpTool("test_logging_tool")]
    public static async Task<string> Logging(McpRequestContext context)
    {
        await context.LogAsync(LoggingLevel.Info, "Diagnostic trace logging activated");
        return "Logging evaluated";
    }

    /// <summary>MRTR: a prompt that needs context from the user</summary>
    [McpPrompt("test_input_required_result_prompt")]
    public static async Task<string> Prompt(McpRequestContext context) =>
        "Prompt with context: " + Text(await context.ElicitAsync(ElicitRequestParams.Form("What context should the prompt use?", OneString("context")), "user_context"), "context");
}
