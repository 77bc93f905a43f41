using System;
using System.Text;

namespace McpGen.Generators.Emitting;

/// <summary>Builds indented C# source text.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', _indent * 4);
        _sb.Append(text).Append('\n');
    }

    public void Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Indents the following lines without a brace (the statements of a <c>case</c>).</summary>
    public void Indent() => _indent++;

    public void Dedent() => _indent--;

    public IDisposable Block(string text)
    {
        Open(text);
        return new Closer(this);
    }

    public override string ToString() => _sb.ToString();

    private sealed class Closer(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer.Close();
    }
}
