using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace McpGen.Testing;

/// <summary>
/// Applies a code fix in an <see cref="AdhocWorkspace"/> and compares the result, like <c>CSharpCodeFixVerifier</c> of the
/// Microsoft testing library: <see cref="VerifyCodeFixAsync"/> fixes one diagnostic at a time until none is left,
/// <see cref="VerifyFixAllAsync"/> runs the provider's Fix All on the document. Either way the fixed code must compile
/// and carry none of the fixed diagnostics.
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer.</typeparam>
/// <typeparam name="TCodeFix">The code fix.</typeparam>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Checks the markup's diagnostics, fixes them one by one, and compares with <paramref name="fixedSource"/>.</summary>
    public static async Task VerifyCodeFixAsync(string markup, string fixedSource, string[]? disabled = null)
    {
        disabled ??= [];
        var (source, expected) = Markup.Parse(markup);
        var document = CreateDocument(source);
        AnalyzerVerifier<TAnalyzer>.Compare(expected, (await DiagnosticsAsync(document)).Where(d => !disabled.Contains(d.Id)).ToList());
        var fix = new TCodeFix();
        for (int i = 0; i < 20; i++)
        {
            var fixable = (await DiagnosticsAsync(document)).Where(d => fix.FixableDiagnosticIds.Contains(d.Id)).ToList();
            CodeAction? action = null;
            foreach (var diagnostic in fixable)
            {
                var actions = new List<CodeAction>();
                await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                action = actions.FirstOrDefault();
                if (action is not null) break;
            }
            if (action is null) break;
            document = await ApplyAsync(document, action);
        }
        await AssertFixedAsync(document, fixedSource, fix);
    }

    /// <summary>Runs Fix All (document scope) for the first fixable diagnostic's action and compares with <paramref name="fixedSource"/>.</summary>
    public static async Task VerifyFixAllAsync(string markup, string fixedSource)
    {
        var (source, _) = Markup.Parse(markup);
        var document = CreateDocument(source);
        var fix = new TCodeFix();
        var diagnostics = (await DiagnosticsAsync(document)).Where(d => fix.FixableDiagnosticIds.Contains(d.Id)).ToList();
        Assert.NotEmpty(diagnostics);
        var actions = new List<CodeAction>();
        foreach (var diagnostic in diagnostics)
        {
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            if (actions.Count > 0) break;
        }
        var first = Assert.Single(actions.Take(1));
        var provider = fix.GetFixAllProvider();
        Assert.NotNull(provider);
        var context = new FixAllContext(document, fix, FixAllScope.Document, first.EquivalenceKey,
            fix.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
        var fixAll = await provider.GetFixAsync(context);
        Assert.NotNull(fixAll);
        document = await ApplyAsync(document, fixAll);
        await AssertFixedAsync(document, fixedSource, fix);
    }

    private static async Task AssertFixedAsync(Document document, string fixedSource, CodeFixProvider fix)
    {
        string actual = (await document.GetTextAsync()).ToString();
        Assert.Equal(fixedSource.Replace("\r\n", "\n"), actual.Replace("\r\n", "\n"));
        var compilation = (await document.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        foreach (var diagnostic in (await DiagnosticsAsync(document)).Where(d => fix.FixableDiagnosticIds.Contains(d.Id)))
        {
            var actions = new List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
            Assert.True(actions.Count == 0, $"Still fixable after the fix: {diagnostic}");
        }
    }

    /// <summary>A one-document project over the test references, with documentation comments parsed.</summary>
    public static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Test", "Test", LanguageNames.CSharp,
            compilationOptions: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true),
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References));
        return workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document) =>
        await AnalyzerVerifier<TAnalyzer>.GetDiagnosticsAsync((await document.Project.GetCompilationAsync())!);

    private static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = operations.OfType<ApplyChangesOperation>().Single();
        return apply.ChangedSolution.GetDocument(document.Id)!;
    }

    private sealed class Provider(IReadOnlyList<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
