namespace McpGen.Protocol;

/// <summary>The params of <c>initialize</c>.</summary>
public sealed class InitializeRequestParams
{
    /// <summary>The latest revision the client supports.</summary>
    public required string ProtocolVersion { get; init; }

    /// <summary>What the client supports.</summary>
    public ClientCapabilities? Capabilities { get; init; }

    /// <summary>Who the client is.</summary>
    public Implementation? ClientInfo { get; init; }
}

/// <summary>The result of <c>initialize</c>.</summary>
public sealed class InitializeResult
{
    /// <summary>The revision the server will speak.</summary>
    public required string ProtocolVersion { get; init; }

    /// <summary>What the server supports.</summary>
    public required ServerCapabilities Capabilities { get; init; }

    /// <summary>Who the server is.</summary>
    public required Implementation ServerInfo { get; init; }

    /// <summary>How to use the server: a hint for the model.</summary>
    public string? Instructions { get; init; }
}
