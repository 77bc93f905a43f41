using System.Text.Json;

namespace McpGen.Protocol;

/// <summary>What a client supports, as declared in <c>initialize</c>.</summary>
public sealed class ClientCapabilities
{
    /// <summary>Non-standard capabilities.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Experimental { get; init; }

    /// <summary>Present when the client can list roots.</summary>
    public RootsCapability? Roots { get; init; }

    /// <summary>Present when the client can sample an LLM for the server.</summary>
    public SamplingCapability? Sampling { get; init; }

    /// <summary>Present when the client can elicit input from the user.</summary>
    public ElicitationCapability? Elicitation { get; init; }

    /// <summary>Task support (not used by McpGen yet; kept as sent).</summary>
    public JsonElement? Tasks { get; init; }

    /// <summary>MCP extensions the client supports, by identifier (revision 2026-07-28).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extensions { get; init; }

    /// <summary>A client that declared nothing.</summary>
    public static ClientCapabilities None { get; } = new();
}

/// <summary>The client's <c>roots</c> capability.</summary>
public sealed class RootsCapability
{
    /// <summary>Whether the client sends <c>notifications/roots/list_changed</c>.</summary>
    public bool? ListChanged { get; init; }
}

/// <summary>The client's <c>sampling</c> capability.</summary>
public sealed class SamplingCapability
{
    /// <summary>Present when the client honours <c>includeContext</c>.</summary>
    public JsonElement? Context { get; init; }

    /// <summary>Present when the client accepts <c>tools</c> and <c>toolChoice</c> in sampling requests.</summary>
    public JsonElement? Tools { get; init; }
}

/// <summary>The client's <c>elicitation</c> capability. An empty object means form mode (as in revisions before 2025-11-25).</summary>
public sealed class ElicitationCapability
{
    /// <summary>Present when the client supports form-mode elicitation.</summary>
    public JsonElement? Form { get; init; }

    /// <summary>Present when the client supports URL-mode elicitation.</summary>
    public JsonElement? Url { get; init; }

    /// <summary>Whether form mode is supported (declared, or implied by an empty capability).</summary>
    public bool SupportsForm => Form is not null || Url is null;

    /// <summary>Whether URL mode is supported.</summary>
    public bool SupportsUrl => Url is not null;
}

/// <summary>What the server supports, derived from what is registered.</summary>
public sealed class ServerCapabilities
{
    /// <summary>Non-standard capabilities.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Experimental { get; init; }

    /// <summary>Present when the server sends log messages.</summary>
    public EmptyObject? Logging { get; init; }

    /// <summary>Present when the server answers <c>completion/complete</c>.</summary>
    public EmptyObject? Completions { get; init; }

    /// <summary>Present when the server offers prompts.</summary>
    public ListChangedCapability? Prompts { get; init; }

    /// <summary>Present when the server offers resources.</summary>
    public ResourcesCapability? Resources { get; init; }

    /// <summary>Present when the server offers tools.</summary>
    public ListChangedCapability? Tools { get; init; }

    /// <summary>MCP extensions the server supports, by identifier (announced by <c>server/discover</c>, revision 2026-07-28).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extensions { get; init; }
}

/// <summary>A capability with only a <c>listChanged</c> flag.</summary>
public sealed class ListChangedCapability
{
    /// <summary>Whether the server sends list-changed notifications.</summary>
    public bool? ListChanged { get; init; }
}

/// <summary>The server's <c>resources</c> capability.</summary>
public sealed class ResourcesCapability
{
    /// <summary>Whether clients may subscribe to resource updates.</summary>
    public bool? Subscribe { get; init; }

    /// <summary>Whether the server sends <c>notifications/resources/list_changed</c>.</summary>
    public bool? ListChanged { get; init; }
}

/// <summary>Serializes as <c>{}</c>: a capability that is present without options.</summary>
public sealed class EmptyObject
{
    /// <summary>The shared instance.</summary>
    public static EmptyObject Instance { get; } = new();
}
