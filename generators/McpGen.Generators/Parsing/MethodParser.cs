using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpGen.Generators.Parsing;

/// <summary>
/// Maps an annotated method to a <see cref="MethodSpec"/>: every decision (names, bindings, schema text) is made
/// here; the emitters only print. Returns null for a method the generator cannot call or bind; the analyzers say why.
/// </summary>
internal static class MethodParser
{
    private static readonly SymbolDisplayFormat Fq = ShapeBuilder.Fq;

    /// <summary>
    /// Parses, reporting the first reason the method cannot be generated (for the analyzers). The assembly's options
    /// are read once per compilation by the caller (<see cref="AssemblyOptions.Read"/>).
    /// </summary>
    public static MethodSpec? Parse(IMethodSymbol method, AttributeData attribute, PrimitiveKind kind, AssemblyOptionsSpec options,
        CancellationToken cancellationToken, out ParseFailure? failure)
    {
        failure = CallabilityProblem(method);
        if (failure is not null) return null;

        var shapes = new ShapeBuilder(options, cancellationToken);
        var doc = DocComments.Read(method, cancellationToken);

        // Attribute arguments.
        string? explicitName = attribute.ConstructorArguments.Length == 1 && kind != PrimitiveKind.Resource ? attribute.ConstructorArguments[0].Value as string : null;
        string? uri = kind == PrimitiveKind.Resource && attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var named = attribute.NamedArguments.ToDictionary(a => a.Key, a => a.Value);
        string? title = Str(named, "Title");
        string? description = Str(named, "Description") ?? ShapeBuilder.DescriptionAttribute(method) ?? DocComments.Summary(doc);
        string name = kind == PrimitiveKind.Resource ? Str(named, "Name") ?? Names.DefaultPrimitiveName(method.Name) : explicitName ?? Names.DefaultPrimitiveName(method.Name);
        var icons = Strs(named, "Icons");
        var scopes = Strs(named, "Scopes");
        string? mimeType = Str(named, "MimeType");

        if (kind is PrimitiveKind.Tool or PrimitiveKind.Prompt && !IsValidName(name))
        {
            failure = new ParseFailure(FailureKind.InvalidName,
                $"its name '{name}' is not a valid MCP {(kind == PrimitiveKind.Tool ? "tool" : "prompt")} name: use 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'",
                FailureTarget.AttributeArgument);
            return null;
        }

        foreach (var scope in scopes)
        {
            if (IsValidScope(scope)) continue;
            failure = new ParseFailure(FailureKind.InvalidScope,
                $"its scope '{scope}' is not a valid OAuth scope token: use printable ASCII without spaces, '\"' or '\\', one scope per array element",
                FailureTarget.ScopesArgument);
            return null;
        }

        UriTemplateInfo? template = null;
        if (kind == PrimitiveKind.Resource)
        {
            if (uri is null) { failure = new ParseFailure(FailureKind.InvalidUriTemplate, "the resource has no URI: pass one to [McpResource(\"scheme://...\")]", FailureTarget.AttributeArgument); return null; }
            template = UriTemplateInfo.Parse(uri);
            if (template.Error is not null) { failure = new ParseFailure(FailureKind.InvalidUriTemplate, $"its URI template '{uri}' is not valid RFC 6570: {template.Error}", FailureTarget.AttributeArgument); return null; }
            if (template.Variables.Count > 0) kind = PrimitiveKind.ResourceTemplate;
        }

        // Parameters.
        var parameters = new List<ParameterSpec>();
        foreach (var p in method.Parameters)
        {
            var spec = ParseParameter(p, kind, options, shapes, doc, out string? parameterFailure);
            if (spec is null)
            {
                failure = new ParseFailure(FailureKind.UnbindableParameter, parameterFailure!, FailureTarget.Parameter, p.Ordinal);
                return null;
            }
            var clash = parameters.FirstOrDefault(q => q.Kind == ParameterKind.Argument && spec.Kind == ParameterKind.Argument && q.JsonName == spec.JsonName);
            if (clash is not null)
            {
                failure = new ParseFailure(FailureKind.DuplicateArgumentName,
                    $"parameters '{clash.ClrName}' and '{p.Name}' both have the argument name '{spec.JsonName}': rename one of them", FailureTarget.Parameter, p.Ordinal);
                return null;
            }
            if (HeaderProblem(p, spec, kind, shapes, parameters) is { } headerProblem)
            {
                failure = new ParseFailure(FailureKind.InvalidHeaderParameter, headerProblem, FailureTarget.Parameter, p.Ordinal);
                return null;
            }
            parameters.Add(spec);
        }

        if (kind == PrimitiveKind.ResourceTemplate)
        {
            var bound = parameters.Where(p => p.Kind == ParameterKind.Argument).ToList();
            var missing = template!.Variables.Where(v => !bound.Any(b => b.ClrName == v)).ToList();
            var extra = bound.Where(b => !template.Variables.Contains(b.ClrName, System.StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                failure = new ParseFailure(FailureKind.InvalidUriTemplate,
                    $"its URI template variable(s) {string.Join(", ", missing.Select(v => "{" + v + "}"))} match no parameter: add a parameter of the same name", FailureTarget.AttributeArgument);
                return null;
            }
            if (extra.Count > 0)
            {
                int ordinal = method.Parameters.First(p => p.Name == extra[0].ClrName).Ordinal;
                failure = new ParseFailure(FailureKind.InvalidUriTemplate,
                    $"its parameter '{extra[0].ClrName}' matches no variable of the URI template '{uri}': add {{{extra[0].ClrName}}} to the template, or remove the parameter", FailureTarget.Parameter, ordinal);
                return null;
            }
        }
        else if (kind == PrimitiveKind.Resource && parameters.FirstOrDefault(p => p.Kind == ParameterKind.Argument) is { } argument)
        {
            int ordinal = method.Parameters.First(p => p.Name == argument.ClrName).Ordinal;
            failure = new ParseFailure(FailureKind.FixedUriWithArguments,
                $"the resource URI '{uri}' has no variables, so parameter '{argument.ClrName}' can never get a value: make the URI a template (e.g. '{uri!.TrimEnd('/')}/{{{argument.ClrName}}}') or remove the parameter", FailureTarget.Parameter, ordinal);
            return null;
        }

        var ret = ParseReturn(method.ReturnType, kind, shapes, out string? returnFailure);
        if (ret is null)
        {
            failure = new ParseFailure(FailureKind.UnwritableReturn, returnFailure!, FailureTarget.ReturnType);
            return null;
        }

        InstanceSpec? instance = null;
        if (!method.IsStatic)
        {
            instance = ParseInstance(method.ContainingType, out string? instanceFailure);
            if (instance is null)
            {
                failure = new ParseFailure(FailureKind.NotConstructible, instanceFailure!, FailureTarget.Method);
                return null;
            }
        }

        var shapeMap = shapes.Shapes.ToDictionary(s => s.Id, System.StringComparer.Ordinal);
        var argumentParams = parameters.Where(p => p.Kind == ParameterKind.Argument).ToList();
        var completions = kind is PrimitiveKind.Prompt or PrimitiveKind.ResourceTemplate
            ? argumentParams.Select(p => Completion(p, shapeMap)).Where(c => c is not null).Select(c => c!).ToEquatableArray()
            : EquatableArray<CompletionSpec>.Empty;

        string containing = method.ContainingType.ToDisplayString(Fq);
        string signature = containing + "." + method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString(Fq))) + ")";
        string className = kind switch { PrimitiveKind.Tool => "Tool_", PrimitiveKind.Prompt => "Prompt_", PrimitiveKind.Resource => "Resource_", _ => "Template_" }
            + Names.Identifier(name) + "_" + Names.StableHash(signature);
        string hintName = Names.Identifier(method.ContainingType.Name) + "." + Names.Identifier(method.Name) + "." + Names.StableHash(signature) + ".g.cs";

        return new MethodSpec(
            kind, name, title, description, containing, method.Name, method.IsStatic, instance,
            Hint(named, "ReadOnly"), Hint(named, "Destructive"), Hint(named, "Idempotent"), Hint(named, "OpenWorld"),
            icons, scopes, uri, mimeType, parameters.ToEquatableArray(), ret,
            shapes.Shapes.OrderBy(s => s.Id, System.StringComparer.Ordinal).ToEquatableArray(),
            completions, className, hintName,
            named.TryGetValue("CacheTtlMs", out var ttl) && ttl.Value is long ms && ms >= 0 ? ms : null,
            named.TryGetValue("CacheScope", out var cacheScope) && cacheScope.Value is int scopeValue ? scopeValue == 0 : null);
    }

    /// <summary>Why generated code cannot call the method, or null.</summary>
    public static ParseFailure? CallabilityProblem(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            return new ParseFailure(FailureKind.NotCallable, "it is private or protected, so the generated code cannot call it: make it internal or public", FailureTarget.Method) { FixableByInternal = true };
        if (method.IsGenericMethod)
            return new ParseFailure(FailureKind.NotCallable, "it is generic, so the generated code cannot know its type arguments: remove the type parameters", FailureTarget.Method);
        for (var t = method.ContainingType; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
                return new ParseFailure(FailureKind.NotCallable, $"its type '{t.Name}' is generic, so the generated code cannot know its type arguments: move the method to a non-generic type", FailureTarget.Method);
            if (t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                return new ParseFailure(FailureKind.NotCallable, $"its type '{t.Name}' is private or protected, so the generated code cannot reach it: make the type internal or public", FailureTarget.Method);
        }
        if (method.IsAsync && method.ReturnsVoid)
            return new ParseFailure(FailureKind.AsyncVoid, "it is async void, so nobody can await it or see its exceptions: return Task", FailureTarget.ReturnType);
        foreach (var p in method.Parameters)
        {
            if (p.RefKind != RefKind.None)
                return new ParseFailure(FailureKind.ByRefParameter, $"parameter '{p.Name}' is {RefKindText(p.RefKind)}, but arguments arrive as JSON values: pass it by value (return results instead of out parameters)", FailureTarget.Parameter, p.Ordinal);
            if (p.Type.IsRefLikeType || p.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
                return new ParseFailure(FailureKind.ByRefParameter, $"parameter '{p.Name}' is a {(p.Type.IsRefLikeType ? "ref struct" : "pointer")} ('{p.Type.ToDisplayString()}'), which cannot hold a JSON argument: use a string, array or record", FailureTarget.Parameter, p.Ordinal);
        }
        return null;
    }

    private static string RefKindText(RefKind kind) => kind switch { RefKind.Out => "out", RefKind.In => "in", RefKind.RefReadOnlyParameter => "ref readonly", _ => "ref" };

    /// <summary>The spec's rule for tool and prompt names: 1 to 128 characters of A-Z a-z 0-9 _ - .</summary>
    /// <summary>RFC 6749 section 3.3 scope-token: printable ASCII other than space, '"' and '\\' (the runtime's McpScopes.IsValidScope).</summary>
    public static bool IsValidScope(string scope)
    {
        if (scope.Length == 0) return false;
        foreach (char c in scope)
        {
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') return false;
        }
        return true;
    }

    public static bool IsValidName(string name)
    {
        if (name.Length is 0 or > 128) return false;
        foreach (char c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.')) return false;
        }
        return true;
    }

    /// <summary>The description a tool, prompt or resource gets: <c>Description =</c>, else <c>[Description]</c>, else the XML summary.</summary>
    public static string? Description(IMethodSymbol method, AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.NamedArguments.Where(a => a.Key == "Description").Select(a => a.Value.Value as string).FirstOrDefault()
        ?? ShapeBuilder.DescriptionAttribute(method)
        ?? DocComments.Summary(DocComments.Read(method, cancellationToken));

    /// <summary>The name (tools, prompts) or URI (resources) a method's primitive is registered under; null when it has none.</summary>
    public static string? Key(IMethodSymbol method, AttributeData attribute, PrimitiveKind kind)
    {
        string? first = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        return kind == PrimitiveKind.Resource ? first : first ?? Names.DefaultPrimitiveName(method.Name);
    }

    private static ParameterSpec? ParseParameter(IParameterSymbol p, PrimitiveKind kind, AssemblyOptionsSpec options, ShapeBuilder shapes,
        System.Xml.Linq.XElement? doc, out string? failure)
    {
        failure = null;
        string typeName = p.Type.ToDisplayString(Fq);
        string? description = ShapeBuilder.DescriptionAttribute(p) ?? DocComments.Param(doc, p.Name);
        ParameterSpec Special(ParameterKind k, string? progress = null) =>
            new(p.Name, p.Name, k, typeName, null, false, p.IsOptional, null, description, ConstraintSpec.None, progress);

        string definition = p.Type.OriginalDefinition.ToDisplayString(Fq);
        switch (typeName)
        {
            case "global::System.Threading.CancellationToken": return Special(ParameterKind.CancellationToken);
            case "global::McpGen.McpRequestContext": return Special(ParameterKind.Context);
            case "global::McpGen.McpServer": return Special(ParameterKind.Server);
            case "global::System.IServiceProvider": return Special(ParameterKind.Service);
            case "global::System.IProgress<global::McpGen.McpProgress>": return Special(ParameterKind.Progress, "McpProgress");
            case "global::System.IProgress<double>": return Special(ParameterKind.Progress, "double");
        }
        if (p.GetAttributes().Any(a => a.AttributeClass?.Name == "FromServicesAttribute" || a.AttributeClass?.Name == "FromKeyedServicesAttribute"))
            return Special(ParameterKind.Service);
        if (IsServiceType(p.Type, definition) && !shapes.IsUserJsonType(p.Type)) return Special(ParameterKind.Service);

        string? typeId = shapes.Build(p.Type);
        if (typeId is null)
        {
            failure = $"parameter '{p.Name}' of type '{p.Type.ToDisplayString()}' cannot be bound ({shapes.Failure})";
            return null;
        }
        if (kind is PrimitiveKind.Prompt or PrimitiveKind.ResourceTemplate && !IsStringConvertible(shapes, typeId))
        {
            failure = $"parameter '{p.Name}' of type '{p.Type.ToDisplayString()}' cannot be converted from the string a client sends";
            return null;
        }
        var defaultValue = p.HasExplicitDefaultValue ? Defaults.Of(p) : null;
        string jsonName = p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute")
            ?.ConstructorArguments.FirstOrDefault().Value as string ?? (kind == PrimitiveKind.ResourceTemplate ? p.Name : Names.Apply(options.Naming, p.Name));
        string? header = p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "McpGen.McpHeaderAttribute")
            ?.ConstructorArguments.FirstOrDefault().Value as string;
        return new ParameterSpec(p.Name, jsonName, ParameterKind.Argument, typeName, typeId,
            ShapeBuilder.IsNullable(p.Type, p.NullableAnnotation), p.HasExplicitDefaultValue || p.IsOptional,
            defaultValue, description, ConstraintReader.Read(p.GetAttributes(), p.Type), null,
            header ?? (HasHeaderAttribute(p) ? "" : null));
    }

    private static bool HasHeaderAttribute(IParameterSymbol p) => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "McpGen.McpHeaderAttribute");

    /// <summary>
    /// What the spec forbids about an [McpHeader] (x-mcp-header): a JSON type other than string, integer or boolean, a
    /// name that is not an HTTP field-name token, or one used twice in the tool (case-insensitively).
    /// </summary>
    private static string? HeaderProblem(IParameterSymbol p, ParameterSpec spec, PrimitiveKind kind, ShapeBuilder shapes, List<ParameterSpec> earlier)
    {
        if (!HasHeaderAttribute(p)) return null;
        if (kind != PrimitiveKind.Tool) return $"[McpHeader] on parameter '{p.Name}' applies to tool parameters only";
        if (spec.Kind != ParameterKind.Argument) return $"[McpHeader] on parameter '{p.Name}' has no effect: it is not an argument";
        string name = spec.HeaderName ?? "";
        if (name.Length == 0 || !name.All(IsTokenChar))
            return $"[McpHeader(\"{name}\")] on parameter '{p.Name}' is not a valid HTTP header name: use letters, digits and !#$%&'*+-.^_`|~ only";
        var shape = shapes.Shapes.FirstOrDefault(s => s.Id == spec.TypeId);
        if (shape?.Kind == ShapeKind.Nullable) shape = shapes.Shapes.FirstOrDefault(s => s.Id == shape.ElementId);
        if (shape is null || shape.Kind is not (ShapeKind.String or ShapeKind.Boolean or ShapeKind.Integer or ShapeKind.Enum or ShapeKind.Char or ShapeKind.Guid))
            return $"[McpHeader] on parameter '{p.Name}' of type '{p.Type.ToDisplayString()}': only string, integer and boolean parameters can be mirrored into a header (not numbers, objects or arrays)";
        var clash = earlier.FirstOrDefault(q => q.HeaderName is { } other && string.Equals(other, name, System.StringComparison.OrdinalIgnoreCase));
        if (clash is not null)
            return $"[McpHeader(\"{name}\")] on parameter '{p.Name}' repeats the header of parameter '{clash.ClrName}' (header names are case-insensitive): give each its own";
        return null;
    }

    /// <summary>RFC 9110 tchar.</summary>
    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>Interfaces and abstract classes are services (JSON arguments are concrete), except collections and JSON nodes.</summary>
    private static bool IsServiceType(ITypeSymbol type, string definition)
    {
        if (type.TypeKind is not (TypeKind.Interface or TypeKind.Class) || (type.TypeKind == TypeKind.Class && !type.IsAbstract)) return false;
        if (definition.StartsWith("global::System.Collections.", System.StringComparison.Ordinal)) return false;
        if (definition.StartsWith("global::System.Text.Json.", System.StringComparison.Ordinal)) return false;
        if (definition.StartsWith("global::System.IProgress", System.StringComparison.Ordinal)) return false;
        return true;
    }

    public static bool IsStringConvertible(ShapeBuilder shapes, string typeId)
    {
        var shape = shapes.Shapes.First(s => s.Id == typeId);
        if (shape.Kind == ShapeKind.Nullable) shape = shapes.Shapes.First(s => s.Id == shape.ElementId);
        return shape.Kind is ShapeKind.String or ShapeKind.Boolean or ShapeKind.Integer or ShapeKind.UInt64 or ShapeKind.Number or ShapeKind.Char
            or ShapeKind.Guid or ShapeKind.DateTime or ShapeKind.DateTimeOffset or ShapeKind.DateOnly or ShapeKind.TimeOnly or ShapeKind.TimeSpan
            or ShapeKind.Uri or ShapeKind.Enum;
    }

    private static ReturnSpec? ParseReturn(ITypeSymbol type, PrimitiveKind kind, ShapeBuilder shapes, out string? failure)
    {
        failure = null;
        var async = AsyncKind.None;
        string definition = type.OriginalDefinition.ToDisplayString(Fq);
        if (definition is "global::System.Threading.Tasks.Task" or "global::System.Threading.Tasks.ValueTask")
            return new ReturnSpec(ReturnKind.Void, definition.EndsWith("ValueTask", System.StringComparison.Ordinal) ? AsyncKind.ValueTask : AsyncKind.Task, null, "void");
        if (definition is "global::System.Threading.Tasks.Task<TResult>" or "global::System.Threading.Tasks.ValueTask<TResult>")
        {
            async = definition.Contains("ValueTask") ? AsyncKind.ValueTask : AsyncKind.Task;
            type = ((INamedTypeSymbol)type).TypeArguments[0];
        }
        if (type.SpecialType == SpecialType.System_Void) return new ReturnSpec(ReturnKind.Void, async, null, "void");
        string typeName = type.ToDisplayString(Fq);
        string plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Fq);

        if (type.SpecialType == SpecialType.System_String) return new ReturnSpec(ReturnKind.String, async, null, typeName);
        if (Inherits(type, "global::McpGen.Protocol.ContentBlock")) return new ReturnSpec(ReturnKind.ContentBlock, async, null, typeName);
        if (plain == "global::McpGen.Protocol.CallToolResult") return new ReturnSpec(ReturnKind.CallToolResult, async, null, typeName);
        if (plain == "global::McpGen.Protocol.PromptMessage") return new ReturnSpec(ReturnKind.PromptMessage, async, null, typeName);
        if (plain == "global::McpGen.Protocol.GetPromptResult") return new ReturnSpec(ReturnKind.GetPromptResult, async, null, typeName);
        if (plain == "global::McpGen.Protocol.ReadResourceResult") return new ReturnSpec(ReturnKind.ReadResourceResult, async, null, typeName);
        if (Inherits(type, "global::McpGen.Protocol.ResourceContents")) return new ReturnSpec(ReturnKind.ResourceContents, async, null, typeName);
        if (plain == "global::System.ReadOnlyMemory<byte>") return new ReturnSpec(ReturnKind.Memory, async, null, typeName);
        if (kind is PrimitiveKind.Resource or PrimitiveKind.ResourceTemplate && type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
            return new ReturnSpec(ReturnKind.Bytes, async, null, typeName);
        var element = EnumerableElement(type);
        if (element is not null)
        {
            if (Inherits(element, "global::McpGen.Protocol.ContentBlock")) return new ReturnSpec(ReturnKind.ContentBlocks, async, null, typeName);
            if (element.ToDisplayString(Fq) == "global::McpGen.Protocol.PromptMessage") return new ReturnSpec(ReturnKind.PromptMessages, async, null, typeName);
            if (Inherits(element, "global::McpGen.Protocol.ResourceContents")) return new ReturnSpec(ReturnKind.ResourceContentsList, async, null, typeName);
        }

        if (kind != PrimitiveKind.Tool)
        {
            failure = $"a {(kind == PrimitiveKind.Prompt ? "prompt" : "resource")} cannot return '{type.ToDisplayString()}'";
            return null;
        }
        string? id = shapes.Build(type);
        if (id is null)
        {
            failure = $"the return type '{type.ToDisplayString()}' cannot be written ({shapes.Failure})";
            return null;
        }
        var shape = shapes.Shapes.First(s => s.Id == id);
        // A nullable object return (Product?) is still structured, but null is a value it may return (IsNullable).
        return new ReturnSpec(shape.Kind == ShapeKind.Object ? ReturnKind.Structured : ReturnKind.JsonValue, async, id, typeName,
            type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);
    }

    private static ITypeSymbol? EnumerableElement(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array) return array.ElementType;
        if (type is INamedTypeSymbol named)
        {
            if (named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T) return named.TypeArguments[0];
            foreach (var i in named.AllInterfaces)
            {
                if (i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T) return i.TypeArguments[0];
            }
        }
        return null;
    }

    private static bool Inherits(ITypeSymbol type, string baseName)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Fq) == baseName) return true;
        }
        return false;
    }

    private static InstanceSpec? ParseInstance(INamedTypeSymbol type, out string? failure)
    {
        failure = null;
        if (type.IsStatic || type.IsAbstract || type.TypeKind == TypeKind.Interface)
        {
            failure = $"'{type.Name}' cannot be constructed (it is {(type.IsStatic ? "static" : "abstract")})";
            return null;
        }
        var ctor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (ctor is null)
        {
            failure = $"'{type.Name}' has no public or internal constructor";
            return null;
        }
        bool disposable = type.AllInterfaces.Any(i => i.ToDisplayString() == "System.IDisposable");
        bool asyncDisposable = type.AllInterfaces.Any(i => i.ToDisplayString() == "System.IAsyncDisposable");
        return new InstanceSpec(ctor.Parameters.Select(p => p.Type.ToDisplayString(Fq)).ToEquatableArray(), disposable, asyncDisposable);
    }

    private static CompletionSpec? Completion(ParameterSpec p, IReadOnlyDictionary<string, TypeShape> shapes)
    {
        if (p.Constraints.AllowedJson.Count > 0)
        {
            var values = p.Constraints.AllowedJson.Where(j => j.StartsWith("\"", System.StringComparison.Ordinal)).Select(Unquote).ToEquatableArray();
            return values.Count == 0 ? null : new CompletionSpec(p.JsonName, values);
        }
        var shape = shapes[p.TypeId!];
        if (shape.Kind == ShapeKind.Nullable) shape = shapes[shape.ElementId!];
        if (shape.Kind == ShapeKind.Enum) return new CompletionSpec(p.JsonName, shape.EnumMembers.Select(m => m.WireName).ToEquatableArray());
        if (shape.Kind == ShapeKind.Boolean) return new CompletionSpec(p.JsonName, new[] { "true", "false" }.ToEquatableArray());
        return null;
    }

    private static string Unquote(string json)
    {
        var reader = new System.Text.StringBuilder();
        for (int i = 1; i < json.Length - 1; i++)
        {
            if (json[i] == '\\' && i + 1 < json.Length - 1) { i++; reader.Append(json[i] == 'n' ? '\n' : json[i]); }
            else reader.Append(json[i]);
        }
        return reader.ToString();
    }

    private static string? Str(Dictionary<string, TypedConstant> named, string key) => named.TryGetValue(key, out var v) ? v.Value as string : null;

    private static EquatableArray<string> Strs(Dictionary<string, TypedConstant> named, string key) =>
        named.TryGetValue(key, out var v) && v.Kind == TypedConstantKind.Array
            ? v.Values.Select(x => x.Value as string).Where(x => x is not null).Select(x => x!).ToEquatableArray()
            : EquatableArray<string>.Empty;

    private static string? Hint(Dictionary<string, TypedConstant> named, string key) =>
        named.TryGetValue(key, out var v) && v.Value is bool b ? (b ? "true" : "false") : null;
}
