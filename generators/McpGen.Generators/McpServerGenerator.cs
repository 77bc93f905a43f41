using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using McpGen.Generators.Emitting;
using McpGen.Generators.Model;
using McpGen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpGen.Generators;

/// <summary>
/// Turns <c>[McpTool]</c>, <c>[McpPrompt]</c> and <c>[McpResource]</c> methods into a registry of MCP primitives.
/// Pipeline only: parsing lives in <see cref="MethodParser"/>, printing in the emitters.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class McpServerGenerator : IIncrementalGenerator
{
    internal const string ToolAttribute = "McpGen.McpToolAttribute";
    internal const string PromptAttribute = "McpGen.McpPromptAttribute";
    internal const string ResourceAttribute = "McpGen.McpResourceAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.CompilationProvider
            .Select(static (compilation, _) => AssemblyOptions.Read(compilation))
            .WithTrackingName(TrackingNames.Options);

        var tools = Methods(context, options, ToolAttribute, PrimitiveKind.Tool, TrackingNames.Tools);
        var prompts = Methods(context, options, PromptAttribute, PrimitiveKind.Prompt, TrackingNames.Prompts);
        var resources = Methods(context, options, ResourceAttribute, PrimitiveKind.Resource, TrackingNames.Resources);

        // One file per primitive: an edit to one method re-emits only that method's file.
        foreach (var methods in new[] { tools, prompts, resources })
        {
            context.RegisterSourceOutput(methods.Combine(options), static (spc, pair) =>
            {
                if (!pair.Right.HasMcpGenRuntime) return;
                spc.AddSource(pair.Left.HintName, PrimitiveEmitter.Emit(pair.Left, pair.Right));
            });
        }

        // The registry lists the generated classes: it changes only when primitives are added, removed or renamed.
        var refs = tools.Collect().Combine(prompts.Collect()).Combine(resources.Collect())
            .Select(static (all, _) => all.Left.Left.AddRange(all.Left.Right).AddRange(all.Right)
                // Duplicates would throw when the registry loads: the first declaration (in compilation order) is kept,
                // the later ones are left out and reported by MCPGEN0002.
                .GroupBy(m => (m.Kind, Key: m.Kind is PrimitiveKind.Tool or PrimitiveKind.Prompt ? m.Name : m.Uri))
                .Select(g => g.First())
                .Select(m => new PrimitiveRef(m.Kind, m.ClassName, m.ClassName))
                .OrderBy(r => r.SortKey, System.StringComparer.Ordinal)
                .ToEquatableArray())
            .WithTrackingName(TrackingNames.Registry);
        context.RegisterSourceOutput(refs.Combine(options), static (spc, pair) =>
        {
            // Emitted even when empty: code that names the registry compiles before the first valid primitive exists, so
            // a broken tool gets its own diagnostic and not a misleading CS0234 on top.
            if (!pair.Right.HasMcpGenRuntime) return;
            spc.AddSource(pair.Right.RegistryClassName + ".g.cs", RegistryEmitter.Emit(pair.Right, pair.Left.Select(r => (r.Kind, r.ClassName)).ToList()));
        });

        // The shared readers and writers of every bound type, deduplicated: a reader only for what arguments reach, a
        // writer only for what results reach.
        var shapes = tools.Collect().Combine(prompts.Collect()).Combine(resources.Collect())
            .Select(static (all, _) => ShapeUse.Of(all.Left.Left.AddRange(all.Left.Right).AddRange(all.Right)))
            .WithTrackingName(TrackingNames.Shapes);
        context.RegisterSourceOutput(shapes.Combine(options), static (spc, pair) =>
        {
            if (pair.Left.Count == 0 || !pair.Right.HasMcpGenRuntime) return;
            if (!pair.Left.Any(s => s.Shape.Kind is ShapeKind.Enum or ShapeKind.Collection or ShapeKind.Dictionary or ShapeKind.Object)) return;
            spc.AddSource(JsonCodeEmitter.ClassName + ".g.cs", JsonCodeEmitter.Emit(pair.Right, pair.Left.ToList()));
        });
    }

    // The attribute step hands over its context; the options (read once per compilation) join it before parsing, so
    // Parse never reads assembly attributes itself. The parse step's output is the equatable model: an edit that leaves
    // a method's model equal stops there.
    private static IncrementalValuesProvider<MethodSpec> Methods(IncrementalGeneratorInitializationContext context,
        IncrementalValueProvider<AssemblyOptionsSpec> options, string attribute, PrimitiveKind kind, string trackingName) =>
        context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, _) => ctx)
            .Combine(options)
            .Select((pair, ct) => Parse(pair.Left, pair.Right, kind, ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(trackingName);

    private static MethodSpec? Parse(GeneratorAttributeSyntaxContext ctx, AssemblyOptionsSpec options, PrimitiveKind kind, CancellationToken cancellationToken)
    {
        if (ctx.TargetSymbol is not IMethodSymbol method || ctx.Attributes.Length == 0) return null;
        return MethodParser.Parse(method, ctx.Attributes[0], kind, options, cancellationToken, out _);
    }
}
