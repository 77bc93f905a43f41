using System.Text.Json;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// A resource with a fixed URI (listed by <c>resources/list</c>) and its reader. Generated for
/// <c>[McpResource("scheme://path")]</c> methods; hand-written resources use <see cref="Create"/>.
/// </summary>
public abstract class McpResource
{
    /// <summary>Creates a resource at <paramref name="uri"/> named <paramref name="name"/>.</summary>
    protected McpResource(string uri, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Uri = uri;
        Name = name;
    }

    /// <summary>The resource URI.</summary>
    public string Uri { get; }

    /// <summary>Programmatic name.</summary>
    public string Name { get; }

    /// <summary>Display name.</summary>
    public string? Title { get; init; }

    /// <summary>What the resource is.</summary>
    public string? Description { get; init; }

    /// <summary>The MIME type of its contents.</summary>
    public string? MimeType { get; init; }

    /// <summary>The size in bytes, if known.</summary>
    public long? Size { get; init; }

    /// <summary>Client hints.</summary>
    public Annotations? Annotations { get; init; }

    /// <summary>Icons.</summary>
    public IReadOnlyList<Icon>? Icons { get; init; }

    /// <summary>The OAuth scopes a caller needs to see and read this resource (empty: none).</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>
    /// The caching hint of its <c>resources/read</c> results (revision 2026-07-28); <see langword="null"/> for the server's
    /// default (<see cref="McpServerOptions.CacheHint"/>).
    /// </summary>
    public Protocol.McpCacheHint? CacheHint { get; init; }

    /// <summary>Writes this resource's entry of <c>resources/list</c>.</summary>
    public virtual void WriteDefinition(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("uri"u8, Uri);
        writer.WriteString("name"u8, Name);
        if (Title is not null) writer.WriteString("title"u8, Title);
        if (Description is not null) writer.WriteString("description"u8, Description);
        if (MimeType is not null) writer.WriteString("mimeType"u8, MimeType);
        if (Size is not null) writer.WriteNumber("size"u8, Size.Value);
        McpJson.WriteAnnotationsAndIcons(writer, Annotations, Icons);
        writer.WriteEndObject();
    }

    /// <summary>Reads the resource, writing one <c>ReadResourceResult</c> object to <paramref name="result"/>.</summary>
    public abstract ValueTask ReadAsync(McpRequestContext context, string uri, Utf8JsonWriter result);

    /// <summary>Creates a hand-written resource.</summary>
    public static McpResource Create(string uri, string name, Func<McpRequestContext, string, ValueTask<ReadResourceResult>> reader,
        string? description = null, string? mimeType = null, string? title = null, IReadOnlyList<string>? requiredScopes = null)
        => new DelegateResource(uri, name, reader) { Description = description, MimeType = mimeType, Title = title, RequiredScopes = requiredScopes ?? [] };

    private sealed class DelegateResource(string uri, string name, Func<McpRequestContext, string, ValueTask<ReadResourceResult>> reader)
        : McpResource(uri, name)
    {
        public override async ValueTask ReadAsync(McpRequestContext context, string uri, Utf8JsonWriter result)
        {
            var value = await reader(context, uri).ConfigureAwait(false);
            JsonSerializer.Serialize(result, value, McpJsonContext.Default.ReadResourceResult);
        }
    }
}
