using System.Text.Json.Serialization;

namespace McpGen.Protocol;

/// <summary>The severity of a log message (RFC 5424), lowest first; written in lowercase on the wire.</summary>
[JsonConverter(typeof(LoggingLevelJsonConverter))]
public enum LoggingLevel
{
    /// <summary>Detailed debugging information.</summary>
    Debug,

    /// <summary>General information.</summary>
    Info,

    /// <summary>Normal but significant events.</summary>
    Notice,

    /// <summary>Warning conditions.</summary>
    Warning,

    /// <summary>Error conditions.</summary>
    Error,

    /// <summary>Critical conditions.</summary>
    Critical,

    /// <summary>Action must be taken immediately.</summary>
    Alert,

    /// <summary>The system is unusable.</summary>
    Emergency,
}

/// <summary>Wire names of <see cref="LoggingLevel"/>.</summary>
public static class LoggingLevels
{
    /// <summary>The lowercase wire name of a level.</summary>
    public static string ToWireName(this LoggingLevel level) => level switch
    {
        LoggingLevel.Debug => "debug",
        LoggingLevel.Info => "info",
        LoggingLevel.Notice => "notice",
        LoggingLevel.Warning => "warning",
        LoggingLevel.Error => "error",
        LoggingLevel.Critical => "critical",
        LoggingLevel.Alert => "alert",
        LoggingLevel.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>Parses a wire name (exact, lowercase).</summary>
    public static bool TryParse(string? name, out LoggingLevel level)
    {
        switch (name)
        {
            case "debug": level = LoggingLevel.Debug; return true;
            case "info": level = LoggingLevel.Info; return true;
            case "notice": level = LoggingLevel.Notice; return true;
            case "warning": level = LoggingLevel.Warning; return true;
            case "error": level = LoggingLevel.Error; return true;
            case "critical": level = LoggingLevel.Critical; return true;
            case "alert": level = LoggingLevel.Alert; return true;
            case "emergency": level = LoggingLevel.Emergency; return true;
            default: level = default; return false;
        }
    }
}
