using McpGen;
using McpGen.Protocol;

namespace Everything;

/// <summary>Tools that change the server's lists at run time, so clients listening for changes hear them.</summary>
public static class ChangeTriggers
{
    private const string DynamicTool = "test_dynamic_tool";
    private const string DynamicPrompt = "test_dynamic_prompt";

    /// <summary>Adds or removes a dynamic tool (listeners hear notifications/tools/list_changed)</summary>
    [McpTool("test_trigger_tool_change")]
    public static string ToolChange(McpRequestContext context)
    {
        var tools = context.Server.Tools;
        if (!tools.Remove(DynamicTool))
            tools.Add(McpTool.Create(DynamicTool, """{"type":"object"}""", static (_, _) => new(CallToolResult.FromText("dynamic")), description: "Added at run time."));
        return "Mutation triggered";
    }

    /// <summary>Adds or removes a dynamic prompt (listeners hear notifications/prompts/list_changed)</summary>
    [McpTool("test_trigger_prompt_change")]
    public static string PromptChange(McpRequestContext context)
    {
        var prompts = context.Server.Prompts;
        if (!prompts.Remove(DynamicPrompt))
            prompts.Add(McpPrompt.Create(DynamicPrompt, static (_, _) => new(new GetPromptResult { Messages = [PromptMessage.User("dynamic")] }), description: "Added at run time."));
        return "Mutation triggered";
    }
}
