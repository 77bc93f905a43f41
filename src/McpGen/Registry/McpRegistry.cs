namespace McpGen;

/// <summary>
/// A set of tools, prompts, resources and resource templates handed to a server in one line. The source generator
/// emits one per assembly (<c>McpGen.Generated.GeneratedMcpRegistry.Instance</c>); <see cref="McpRegistryBuilder"/>
/// makes one by hand.
/// </summary>
public abstract class McpRegistry
{
    /// <summary>The tools.</summary>
    public virtual IReadOnlyList<McpTool> Tools => [];

    /// <summary>The prompts.</summary>
    public virtual IReadOnlyList<McpPrompt> Prompts => [];

    /// <summary>The resources with fixed URIs.</summary>
    public virtual IReadOnlyList<McpResource> Resources => [];

    /// <summary>The resource templates.</summary>
    public virtual IReadOnlyList<McpResourceTemplate> ResourceTemplates => [];
}

/// <summary>Builds an <see cref="McpRegistry"/> from hand-written primitives.</summary>
public sealed class McpRegistryBuilder
{
    private readonly List<McpTool> _tools = [];
    private readonly List<McpPrompt> _prompts = [];
    private readonly List<McpResource> _resources = [];
    private readonly List<McpResourceTemplate> _templates = [];

    /// <summary>Adds a tool.</summary>
    public McpRegistryBuilder Add(McpTool tool) { _tools.Add(tool ?? throw new ArgumentNullException(nameof(tool))); return this; }

    /// <summary>Adds a prompt.</summary>
    public McpRegistryBuilder Add(McpPrompt prompt) { _prompts.Add(prompt ?? throw new ArgumentNullException(nameof(prompt))); return this; }

    /// <summary>Adds a resource.</summary>
    public McpRegistryBuilder Add(McpResource resource) { _resources.Add(resource ?? throw new ArgumentNullException(nameof(resource))); return this; }

    /// <summary>Adds a resource template.</summary>
    public McpRegistryBuilder Add(McpResourceTemplate template) { _templates.Add(template ?? throw new ArgumentNullException(nameof(template))); return this; }

    /// <summary>Creates the registry.</summary>
    public McpRegistry Build() => new BuiltRegistry(_tools.ToArray(), _prompts.ToArray(), _resources.ToArray(), _templates.ToArray());

    private sealed class BuiltRegistry(McpTool[] tools, McpPrompt[] prompts, McpResource[] resources, McpResourceTemplate[] templates) : McpRegistry
    {
        public override IReadOnlyList<McpTool> Tools => tools;
        public override IReadOnlyList<McpPrompt> Prompts => prompts;
        public override IReadOnlyList<McpResource> Resources => resources;
        public override IReadOnlyList<McpResourceTemplate> ResourceTemplates => templates;
    }
}
