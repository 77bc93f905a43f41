using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace McpGen.Analyzers.CodeFixes;

/// <summary>MCPGEN0004: <c>async void</c> becomes <c>async Task</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFix)), Shared]
public sealed class AsyncVoidCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncVoid);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not TypeSyntax returnType) return;
        context.RegisterCodeFix(CodeAction.Create("Return Task instead of void",
            _ =>
            {
                var task = SyntaxFactory.ParseTypeName("System.Threading.Tasks.Task").WithTriviaFrom(returnType).WithAdditionalAnnotations(Simplifier.Annotation);
                return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(returnType, task)));
            },
            equivalenceKey: nameof(AsyncVoidCodeFix)), context.Diagnostics);
    }
}
