using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpGen.Analyzers.CodeFixes;

/// <summary>Sets the name argument of an <c>[McpTool]</c> or <c>[McpPrompt]</c> attribute (adding one when the name came from the method).</summary>
internal static class NameArgument
{
    public static async Task<Document> SetAsync(Document document, TextSpanLocation target, string newName, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null) return document;
        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(newName));
        var node = root.FindNode(target.Span, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { } argument)
            return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, literal.WithTriviaFrom(argument.Expression)));

        // The name came from the method: give the attribute an explicit one.
        var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        var attribute = method?.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => IsNamingAttribute(a.Name));
        if (attribute is null) return document;
        var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
        var updated = attribute.WithArgumentList(list.WithArguments(list.Arguments.Insert(0, SyntaxFactory.AttributeArgument(literal))));
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, updated));
    }

    private static bool IsNamingAttribute(NameSyntax name)
    {
        string text = name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => "",
        };
        return text is "McpTool" or "McpToolAttribute" or "McpPrompt" or "McpPromptAttribute";
    }
}

/// <summary>A span in a document (what the fix needs of a diagnostic's location).</summary>
internal readonly record struct TextSpanLocation(Microsoft.CodeAnalysis.Text.TextSpan Span);
