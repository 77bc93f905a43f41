using System.Text.Json;
using McpGen.Protocol;

namespace McpGen;

/// <summary>
/// A family of resources described by an RFC 6570 URI template (listed by <c>resources/templates/list</c>),
/// and its reader, which receives the variables matched from the requested URI.
/// </summary>
public abstract class McpResourceTemplate
{
    /// <summary>Creates a template.</summary>
    /// <exception cref="FormatException"><paramref name="uriTemplate"/> is not a valid URI template.</exception>
    protected McpResourceTemplate(string uriTemplate, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Template = McpGen.UriTemplate.Parse(uriTemplate);
        Name = name;
    }

    /// <summary>The template text.</summary>
    public string UriTemplate => Template.Template;

    /// <summary>The parsed template.</summary>
    public UriTemplate Template { get; }

    /// <summary>Programmatic name.</summary>
    public string Name { get; }

    /// <summary>Display name.</summary>
    public string? Title { get; init; }

    /// <summary>What the resources are.</summary>
    public string? Description { get; init; }

    /// <summary>The MIME type shared by all matching resources.</summary>
    public string? MimeType { get; init; }

    /// <summary>Client hints.</summary>
    public Annotations? Annotations { get; init; }

    /// <summary>Icons.</summary>
    public IReadOnlyList<Icon>? Icons { get; init; }

    /// <summary>The OAuth scopes a caller needs to see and read these resources (empty: none).</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>
    /// The caching hint of its <c>resources/read</c> results (revision 2026-07-28); <see langword="null"/> for the server's
    /// default (<see cref="McpServerOptions.CacheHint"/>).
    /// </summary>
    public Protocol.McpCacheHint? CacheHint { get; init; }

    /// <summary>Writes this template's entry of <c>resources/templates/list</c>.</summary>
    public virtual void WriteDefinition(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("uriTemplate"u8, UriTemplate);
        writer.WriteString("name"u8, Name);
        if (Title is not null) writer.WriteString("title"u8, Title);
        if (Description is not null) writer.WriteString("description"u8, Description);
        if (MimeType is not null) writer.WriteString("mimeType"u8, MimeType);
        McpJson.WriteAnnotationsAndIcons(writer, Annotations, Icons);
        writer.WriteEndObject();
    }

    /// <summary>Reads the resource at <paramref name="uri"/>, writing one <c>ReadResourceResult</c> object.</summary>
    /// <param name="context">The request context.</param>
    /// <param name="uri">The requested URI.</param>
    /// <param name="variables">The template variables matched from <paramref name="uri"/>.</param>
    /// <param name="result">Where to write the result.</param>
    public abstract ValueTask ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string> variables, Utf8JsonWriter result);

    /// <summary>Suggests values for a template variable (<c>completion/complete</c> with <c>ref/resource</c>). The default suggests nothing.</summary>
    public virtual ValueTask<Completion> CompleteAsync(McpRequestContext context, string argumentName, string value,
        IReadOnlyDictionary<string, string>? otherArguments) => new(Completion.Empty);

    /// <summary>Creates a hand-written template.</summary>
    public static McpResourceTemplate Create(string uriTemplate, string name,
        Func<McpRequestContext, string, IReadOnlyDictionary<string, string>, ValueTask<ReadResourceResult>> reader,
        string? description = null, string? mimeType = null, string? title = null, IReadOnlyList<string>? requiredScopes = null)
        => new DelegateTemplate(uriTemplate, name, reader) { Description = description, MimeType = mimeType, Title = title, RequiredScopes = requiredScopes ?? [] };

    private sealed class DelegateTemplate(string uriTemplate, string name,
        Func<McpRequestContext, string, IReadOnlyDictionary<string, string>, ValueTask<ReadResourceResult>> reader)
        : McpResourceTemplate(uriTemplate, name)
    {
        public override async ValueTask ReadAsync(McpRequestContext context, string uri, IReadOnlyDictionary<string, string> variables, Utf8JsonWriter result)
        {
            var value = await reader(context, uri, variables).ConfigureAwait(false);
            JsonSerializer.Serialize(result, value, McpJsonContext.Default.ReadResourceResult);
        }
    }
}
