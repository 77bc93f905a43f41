using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace McpGen.Analyzers.CodeFixes;

/// <summary>
/// MCPGEN0003: rename an invalid tool or prompt name to a valid snake_case one. MCPGEN0002: rename a later duplicate
/// to a free name. The analyzer computes the name (it sees every other name); the fix writes it into the attribute.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameCodeFix)), Shared]
public sealed class RenameCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidName, DiagnosticIds.Duplicate);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(McpPrimitiveAnalyzer.NewNameProperty, out var newName) || newName is null) continue;
            string title = diagnostic.Id == DiagnosticIds.Duplicate ? $"Rename this one to '{newName}'" : $"Rename to '{newName}'";
            context.RegisterCodeFix(CodeAction.Create(title,
                ct => NameArgument.SetAsync(context.Document, new TextSpanLocation(diagnostic.Location.SourceSpan), newName, ct),
                equivalenceKey: nameof(RenameCodeFix) + diagnostic.Id), diagnostic);
        }
        return Task.CompletedTask;
    }
}
