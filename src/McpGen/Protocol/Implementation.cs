using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>Names and versions an MCP implementation (<c>clientInfo</c> / <c>serverInfo</c>).</summary>
public sealed class Implementation
{
    /// <summary>Programmatic name.</summary>
    public required string Name { get; init; }

    /// <summary>Human-readable display name.</summary>
    public string? Title { get; init; }

    /// <summary>Version string.</summary>
    public required string Version { get; init; }

    /// <summary>What the implementation does.</summary>
    public string? Description { get; init; }

    /// <summary>Website of the implementation.</summary>
    public string? WebsiteUrl { get; init; }

    /// <summary>Icons for user interfaces.</summary>
    public IReadOnlyList<Icon>? Icons { get; init; }
}

/// <summary>An icon a client may show for a server, tool, prompt or resource.</summary>
public sealed class Icon
{
    /// <summary>An http(s) URL or a <c>data:</c> URI.</summary>
    public required string Src { get; init; }

    /// <summary>MIME type override, e.g. <c>image/png</c>.</summary>
    public string? MimeType { get; init; }

    /// <summary>Sizes such as <c>48x48</c>, or <c>any</c>.</summary>
    public IReadOnlyList<string>? Sizes { get; init; }

    /// <summary><c>light</c> or <c>dark</c>: the background the icon is designed for.</summary>
    public string? Theme { get; init; }
}
