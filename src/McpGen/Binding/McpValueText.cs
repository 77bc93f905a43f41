using System.ComponentModel;
using System.Text.Json;
using McpGen.JsonRpc;

namespace McpGen.Binding;

/// <summary>Writes a value with its generated writer.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void McpValueWriter<in T>(Utf8JsonWriter writer, T value);

/// <summary>
/// Tool results made from a value's JSON: the value is written once into a reusable per-thread buffer, then copied
/// into the text block (and <c>structuredContent</c>), so writing a result allocates nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpValueText
{
    [ThreadStatic] private static PooledBufferWriter? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>A result whose text block is the value's JSON (a string value is written without quotes).</summary>
    public static void WriteAsText<T>(Utf8JsonWriter result, T? value, McpValueWriter<T> write)
    {
        if (value is null)
        {
            McpResults.WriteJsonValueAsText(result, "null"u8);
            return;
        }
        var (buffer, writer) = Rent();
        try
        {
            write(writer, value);
            writer.Flush();
            McpResults.WriteJsonValueAsText(result, buffer.WrittenSpan);
        }
        finally
        {
            Return(buffer, writer);
        }
    }

    /// <summary>A structured result: the value's JSON object as <c>structuredContent</c> and as text.</summary>
    public static void WriteStructured<T>(Utf8JsonWriter result, T value, McpValueWriter<T> write)
    {
        if (value is null) throw new InvalidOperationException("The tool returned null where it declares a structured result.");
        var (buffer, writer) = Rent();
        try
        {
            write(writer, value);
            writer.Flush();
            McpResults.WriteStructured(result, buffer.WrittenSpan);
        }
        finally
        {
            Return(buffer, writer);
        }
    }

    /// <summary>
    /// A structured result of a method declared to return a nullable object (<c>Product?</c>): such a tool declares no
    /// output schema (MCP's output schema must be an object), the value's JSON object is <c>structuredContent</c> and
    /// text; null is an ordinary result whose text is <c>null</c>, without <c>structuredContent</c>.
    /// </summary>
    public static void WriteNullableStructured<T>(Utf8JsonWriter result, T? value, McpValueWriter<T> write)
    {
        if (value is null)
        {
            McpResults.WriteJsonValueAsText(result, "null"u8);
            return;
        }
        WriteStructured(result, value, write);
    }

    private static (PooledBufferWriter, Utf8JsonWriter) Rent()
    {
        var buffer = t_buffer ?? new PooledBufferWriter(512);
        var writer = t_writer ?? new Utf8JsonWriter(buffer, JsonMessageBuffer.WriterOptions);
        t_buffer = null;
        t_writer = null; // a nested call on this thread gets fresh ones
        return (buffer, writer);
    }

    private static void Return(PooledBufferWriter buffer, Utf8JsonWriter writer)
    {
        writer.Reset();
        buffer.Clear();
        writer.Reset(buffer);
        t_buffer = buffer;
        t_writer = writer;
    }
}

/// <summary>Reports <see cref="IProgress{T}"/> of <see cref="double"/> as MCP progress without a total.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpDoubleProgress(McpRequestContext context) : IProgress<double>
{
    /// <inheritdoc />
    public void Report(double value) => context.Progress.Report(new McpProgress(value));
}
