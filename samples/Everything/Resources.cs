using McpGen;

namespace Everything;

/// <summary>The resources of the conformance suite's reference server.</summary>
public static class Resources
{
    /// <summary>A static text resource for testing</summary>
    [McpResource("test://static-text", Name = "static-text", Title = "Static Text Resource", MimeType = "text/plain")]
    public static string StaticText() => "This is the content of the static text resource.";

    /// <summary>A static binary resource (image) for testing</summary>
    [McpResource("test://static-binary", Name = "static-binary", Title = "Static Binary Resource", MimeType = "image/png")]
    public static byte[] StaticBinary() => Convert.FromBase64String(Media.Png);

    /// <summary>A resource that auto-updates every 3 seconds</summary>
    [McpResource("test://watched-resource", Name = "watched-resource", Title = "Watched Resource", MimeType = "text/plain")]
    public static string WatchedResource() => "Watched resource content";

    /// <summary>A resource template with parameter substitution</summary>
    [McpResource("test://template/{id}/data", Name = "template", Title = "Resource Template", MimeType = "application/json")]
    public static string Template(string id) => $$"""{"id":"{{id}}","templateTest":true,"data":"Data for ID: {{id}}"}""";
}
