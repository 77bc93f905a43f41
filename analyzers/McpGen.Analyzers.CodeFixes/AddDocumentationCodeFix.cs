using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace McpGen.Analyzers.CodeFixes;

/// <summary>
/// MCPGEN0007 and MCPGEN0008: add an XML <c>&lt;summary&gt;</c> or <c>&lt;param&gt;</c> stub, worded from the name,
/// for the author to improve. Fix All adds every stub of a method in one edit, in parameter order.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDocumentationCodeFix)), Shared]
public sealed class AddDocumentationCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingDescription, DiagnosticIds.MissingParameterDescription);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (fixAll, document, diagnostics) => await FixAsync(document, diagnostics, fixAll.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            string title = diagnostic.Id == DiagnosticIds.MissingDescription ? "Add a <summary> stub" : "Add a <param> stub";
            context.RegisterCodeFix(CodeAction.Create(title,
                ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                equivalenceKey: nameof(AddDocumentationCodeFix) + diagnostic.Id), diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var text = await document.GetTextAsync(ct).ConfigureAwait(false);
        if (root is null) return document;
        var changes = new List<TextChange>();
        var byMethod = diagnostics
            .Select(d => (Diagnostic: d, Method: root.FindToken(d.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>()))
            .Where(x => x.Method is not null)
            .GroupBy(x => x.Method!);
        foreach (var group in byMethod)
        {
            var method = group.Key;
            bool summary = group.Any(x => x.Diagnostic.Id == DiagnosticIds.MissingDescription);
            var parameters = method.ParameterList.Parameters
                .Where(p => group.Any(x => x.Diagnostic.Id == DiagnosticIds.MissingParameterDescription && x.Diagnostic.Properties.TryGetValue(McpPrimitiveAnalyzer.ParameterProperty, out var n) && n == p.Identifier.ValueText))
                .Select(p => p.Identifier.ValueText)
                .ToList();
            changes.AddRange(Stubs(text, method, summary, parameters));
        }
        return document.WithText(text.WithChanges(changes.OrderBy(c => c.Span.Start)));
    }

    /// <summary>Text insertions: the summary goes first in the doc comment, the params last (or a new comment before the declaration).</summary>
    private static IEnumerable<TextChange> Stubs(SourceText text, MethodDeclarationSyntax method, bool summary, List<string> parameters)
    {
        var declarationLine = text.Lines.GetLineFromPosition(method.SpanStart);
        string indent = text.ToString(TextSpan.FromBounds(declarationLine.Start, method.SpanStart));
        if (indent.Trim().Length > 0) indent = "";
        string newline = declarationLine.EndIncludingLineBreak > declarationLine.End ? text.ToString(TextSpan.FromBounds(declarationLine.End, declarationLine.EndIncludingLineBreak)) : "\n";

        int first = declarationLine.LineNumber, last = declarationLine.LineNumber - 1;
        while (first - 1 >= 0 && text.Lines[first - 1].ToString().TrimStart().StartsWith("///", System.StringComparison.Ordinal)) first--;
        bool hasDoc = first <= last;

        string summaryLine = summary ? indent + "/// <summary>" + Sentence(method.Identifier.ValueText) + "</summary>" + newline : "";
        var paramLines = new StringBuilder();
        foreach (var p in parameters) paramLines.Append(indent).Append("/// <param name=\"").Append(p).Append("\">The ").Append(Words(p)).Append(".</param>").Append(newline);

        if (hasDoc)
        {
            if (summaryLine.Length > 0) yield return new TextChange(new TextSpan(text.Lines[first].Start, 0), summaryLine);
            if (paramLines.Length > 0) yield return new TextChange(new TextSpan(text.Lines[last].EndIncludingLineBreak, 0), paramLines.ToString());
        }
        else
        {
            yield return new TextChange(new TextSpan(declarationLine.Start, 0), summaryLine + paramLines);
        }
    }

    /// <summary><c>GetForecastAsync</c> → "Get forecast."</summary>
    private static string Sentence(string methodName)
    {
        if (methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal)) methodName = methodName.Substring(0, methodName.Length - 5);
        string words = Words(methodName);
        return words.Length == 0 ? "TODO: describe." : char.ToUpperInvariant(words[0]) + words.Substring(1) + ".";
    }

    /// <summary><c>customerId</c> → "customer id".</summary>
    private static string Words(string identifier)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < identifier.Length; i++)
        {
            char c = identifier[i];
            if (c == '_') { if (sb.Length > 0 && sb[sb.Length - 1] != ' ') sb.Append(' '); continue; }
            if (char.IsUpper(c) && i > 0 && (char.IsLower(identifier[i - 1]) || (i + 1 < identifier.Length && char.IsLower(identifier[i + 1]))) && sb.Length > 0 && sb[sb.Length - 1] != ' ')
                sb.Append(' ');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Trim();
    }
}
