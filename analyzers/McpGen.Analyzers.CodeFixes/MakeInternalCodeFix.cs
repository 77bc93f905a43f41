using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpGen.Analyzers.CodeFixes;

/// <summary>MCPGEN0001 on a private or protected method: make it <c>internal</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeInternalCodeFix)), Shared]
public sealed class MakeInternalCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotCallable);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.ContainsKey(McpPrimitiveAnalyzer.MakeInternalProperty)) return;
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var method = root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (root is null || method is null) return;
        context.RegisterCodeFix(CodeAction.Create("Make the method internal",
            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(method, MakeInternal(method)))),
            equivalenceKey: nameof(MakeInternalCodeFix)), diagnostic);
    }

    private static MethodDeclarationSyntax MakeInternal(MethodDeclarationSyntax method)
    {
        var modifiers = method.Modifiers;
        int index = modifiers.IndexOf(SyntaxKind.PrivateKeyword);
        if (index < 0) index = modifiers.IndexOf(SyntaxKind.ProtectedKeyword);
        if (index < 0) return method;
        var first = modifiers[index];
        var kept = SyntaxFactory.TokenList(modifiers.Where(m => !m.IsKind(SyntaxKind.PrivateKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword)));
        int insertAt = modifiers.Take(index).Count(m => !m.IsKind(SyntaxKind.PrivateKeyword) && !m.IsKind(SyntaxKind.ProtectedKeyword));
        var @internal = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.InternalKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return method.WithModifiers(kept.Insert(insertAt, @internal));
    }
}
