using System.Collections.Generic;
using System.Linq;
using McpGen.Generators.Model;

namespace McpGen.Generators.Emitting;

/// <summary>
/// Emits one primitive into the registry: a factory method making the runtime's McpGeneratedTool / Prompt / Resource /
/// ResourceTemplate with its definition as a UTF-8 literal, and a static, reflection-free invoker.
/// </summary>
internal static class PrimitiveEmitter
{
    private const string Context = "global::McpGen.McpRequestContext";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Results = "global::McpGen.Binding.McpResults";

    public static string Emit(MethodSpec m, AssemblyOptionsSpec options)
    {
        var code = new ShapeCode(m.Shapes.ToDictionary(s => s.Id, System.StringComparer.Ordinal), "global::" + options.RegistryNamespace + "." + JsonCodeEmitter.ClassName);
        var sw = new SourceWriter();
        Header.Write(sw);
        sw.Open($"namespace {options.RegistryNamespace}");
        sw.Open($"partial class {options.RegistryClassName}");
        bool strict = !options.AllowUnknownArguments;
        // No class per primitive: a factory method that makes the runtime's McpGenerated* with the definition literal,
        // and a static invoker. A class per primitive (a constructor and four overrides) was a measurable share of
        // what generated code costs the user's build.
        sw.Line($"/// <summary>{Xml(m.Kind.ToString())} <c>{Xml(m.Name)}</c>: <see cref=\"{Cref(m.ContainingTypeName)}.{m.MethodName}\"/>.</summary>");
        var (type, arguments) = Construction(m, strict);
        var initializer = Initializer(m);
        sw.Line($"private static {BaseType(m.Kind)} {m.ClassName}() => new {type}({arguments}){(initializer.Count > 0 ? " { " + string.Join(", ", initializer) + " }" : "")};");
        sw.Line();
        EmitInvoker(sw, m, code, strict);
        sw.Close();
        sw.Close();
        return sw.ToString();
    }

    private static string BaseType(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Tool => "global::McpGen.McpTool",
        PrimitiveKind.Prompt => "global::McpGen.McpPrompt",
        PrimitiveKind.Resource => "global::McpGen.McpResource",
        _ => "global::McpGen.McpResourceTemplate",
    };

    private static string Invoker(MethodSpec m) => "Invoke_" + m.ClassName;

    /// <summary>The runtime type that holds the primitive and its constructor's arguments (names, the definition literal, the invoker).</summary>
    private static (string Type, string Arguments) Construction(MethodSpec m, bool strict)
    {
        if (m.Kind != PrimitiveKind.Tool)
        {
            string definition = CSharp.String(DefinitionEmitter.Definition(m, strict));
            return m.Kind switch
            {
                PrimitiveKind.Prompt => ("global::McpGen.Binding.McpGeneratedPrompt", $"{CSharp.String(m.Name)}, {definition}, {Invoker(m)}"),
                PrimitiveKind.Resource => ("global::McpGen.Binding.McpGeneratedResource", $"{CSharp.String(m.Uri!)}, {CSharp.String(m.Name)}, {definition}, {Invoker(m)}"),
                _ => ("global::McpGen.Binding.McpGeneratedResourceTemplate", $"{CSharp.String(m.Uri!)}, {CSharp.String(m.Name)}, {definition}, {Invoker(m)}"),
            };
        }
        // The schemas are written once, inside the tools/list entry; InputSchema and OutputSchema are slices of it.
        string input = DefinitionEmitter.InputSchema(m, closed: strict);
        string? output = DefinitionEmitter.OutputSchema(m);
        string tool = DefinitionEmitter.Tool(m, input, output);
        int inputAt = tool.IndexOf(",\"inputSchema\":" + input, System.StringComparison.Ordinal) + ",\"inputSchema\":".Length;
        string outputRange = "0, 0";
        if (output is not null)
        {
            int outputAt = tool.IndexOf(",\"outputSchema\":" + output, inputAt + input.Length, System.StringComparison.Ordinal) + ",\"outputSchema\":".Length;
            outputRange = $"{Utf8(tool.Substring(0, outputAt))}, {Utf8(output)}";
        }
        return ("global::McpGen.Binding.McpGeneratedTool",
            $"{CSharp.String(m.Name)}, {CSharp.String(tool)}, {Utf8(tool.Substring(0, inputAt))}, {Utf8(input)}, {outputRange}, {Invoker(m)}");
    }

    /// <summary>The object initializer: what the attribute and the doc comments say beyond the definition's literal.</summary>
    private static List<string> Initializer(MethodSpec m)
    {
        var init = new List<string>();
        if (m.Title is not null) init.Add($"Title = {CSharp.String(m.Title)}");
        if (m.Description is not null) init.Add($"Description = {CSharp.String(m.Description)}");
        if (m.Kind is PrimitiveKind.Resource or PrimitiveKind.ResourceTemplate && m.MimeType is not null) init.Add($"MimeType = {CSharp.String(m.MimeType)}");
        if (m.Kind == PrimitiveKind.Tool && (m.ReadOnlyHint ?? m.DestructiveHint ?? m.IdempotentHint ?? m.OpenWorldHint) is not null)
        {
            var hints = new List<string>();
            if (m.ReadOnlyHint is not null) hints.Add("ReadOnlyHint = " + m.ReadOnlyHint);
            if (m.DestructiveHint is not null) hints.Add("DestructiveHint = " + m.DestructiveHint);
            if (m.IdempotentHint is not null) hints.Add("IdempotentHint = " + m.IdempotentHint);
            if (m.OpenWorldHint is not null) hints.Add("OpenWorldHint = " + m.OpenWorldHint);
            init.Add($"Annotations = new global::McpGen.Protocol.ToolAnnotations {{ {string.Join(", ", hints)} }}");
        }
        if (m.Icons.Count > 0)
            init.Add($"Icons = new global::McpGen.Protocol.Icon[] {{ {string.Join(", ", m.Icons.Select(i => $"new global::McpGen.Protocol.Icon {{ Src = {CSharp.String(i)} }}"))} }}");
        if (m.Scopes.Count > 0) init.Add($"RequiredScopes = new string[] {{ {string.Join(", ", m.Scopes.Select(CSharp.String))} }}");
        if (m.CacheTtlMs is long ttl)
        {
            bool isPublic = m.CachePublic ?? m.Scopes.Count == 0; // content behind scopes differs by authorization
            init.Add($"CacheHint = new global::McpGen.Protocol.McpCacheHint({ttl.ToString(System.Globalization.CultureInfo.InvariantCulture)}, global::McpGen.Protocol.McpCacheScope.{(isPublic ? "Public" : "Private")})");
        }
        if (m.Kind == PrimitiveKind.Prompt)
        {
            var args = m.Parameters.Where(p => p.Kind == ParameterKind.Argument).ToList();
            if (args.Count > 0)
                init.Add($"Arguments = new global::McpGen.Protocol.PromptArgument[] {{ {string.Join(", ", args.Select(a => $"new global::McpGen.Protocol.PromptArgument {{ Name = {CSharp.String(a.JsonName)}, Description = {CSharp.StringOrNull(a.Description)}, Required = {(!a.IsOptional && !a.IsNullable ? "true" : "false")} }}"))} }}");
        }
        if (m.Completions.Count > 0)
            init.Add($"Completions = new global::System.Collections.Generic.Dictionary<string, string[]> {{ {string.Join(", ", m.Completions.Select(c => $"[{CSharp.String(c.ArgumentName)}] = new string[] {{ {string.Join(", ", c.Values.Select(CSharp.String))} }}"))} }}");
        return init;
    }

    private static string Utf8(string text) => System.Text.Encoding.UTF8.GetByteCount(text).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void EmitInvoker(SourceWriter sw, MethodSpec m, ShapeCode code, bool strict)
    {
        bool isAsync = m.Return.Async != AsyncKind.None || (m.Instance?.IsAsyncDisposable ?? false);
        string signature = m.Kind switch
        {
            PrimitiveKind.Tool or PrimitiveKind.Prompt => $"{Invoker(m)}({Context} context, global::System.ReadOnlyMemory<byte> arguments, {Writer} result)",
            PrimitiveKind.Resource => $"{Invoker(m)}({Context} context, string uri, {Writer} result)",
            _ => $"{Invoker(m)}({Context} context, string uri, global::System.Collections.Generic.IReadOnlyDictionary<string, string> variables, {Writer} result)",
        };
        var arguments = m.Parameters.Where(p => p.Kind == ParameterKind.Argument).ToList();

        // An async invoker binds in its own synchronous method: McpMembers and Utf8JsonReader are ref structs, which
        // cannot live in an async method. A synchronous one binds inline (one method less to compile).
        bool binds = arguments.Count > 0 && m.Kind is PrimitiveKind.Tool or PrimitiveKind.Prompt;
        bool bindStrict = strict && m.Kind == PrimitiveKind.Tool;
        if (binds && isAsync)
        {
            sw.Open($"private static void Bind_{m.ClassName}(global::System.ReadOnlyMemory<byte> arguments, {string.Join(", ", arguments.Select(a => $"out {a.TypeName} {Local(a)}"))})");
            EmitBinding(sw, m, arguments, code, bindStrict);
            sw.Close();
            sw.Line();
        }

        sw.Open($"private static {(isAsync ? "async " : "")}global::System.Threading.Tasks.ValueTask {signature}");
        if (arguments.Count > 0)
        {
            if (!binds) EmitTemplateBinding(sw, arguments, code);
            else if (isAsync) sw.Line($"Bind_{m.ClassName}(arguments{string.Concat(arguments.Select(a => ", out var " + Local(a)))});");
            else
            {
                foreach (var a in arguments) sw.Line($"{a.TypeName} {Local(a)};");
                EmitBinding(sw, m, arguments, code, bindStrict);
            }
        }
        else if (strict && m.Kind == PrimitiveKind.Tool) sw.Line($"{ShapeCode.Args}.ExpectNoArguments(arguments);");

        string call = Call(m);
        if (m.Instance is not null)
        {
            sw.Line($"var target = ({m.ContainingTypeName}?)context.Services.GetService(typeof({m.ContainingTypeName}));");
            sw.Line("bool owned = target is null;");
            string ctorArgs = string.Join(", ", m.Instance.ConstructorParameterTypes.Select(t => $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{t}>(context.Services)"));
            sw.Line($"target ??= new {m.ContainingTypeName}({ctorArgs});");
            bool dispose = m.Instance.IsDisposable || m.Instance.IsAsyncDisposable;
            if (dispose) sw.Open("try");
            EmitCallAndWrite(sw, m, call, code, isAsync);
            if (dispose)
            {
                sw.Close();
                sw.Open("finally");
                if (m.Instance.IsAsyncDisposable) sw.Line("if (owned) await ((global::System.IAsyncDisposable)target).DisposeAsync().ConfigureAwait(false);");
                else sw.Line("if (owned) ((global::System.IDisposable)target).Dispose();");
                sw.Close();
            }
        }
        else
        {
            EmitCallAndWrite(sw, m, call, code, isAsync);
        }
        if (!isAsync) sw.Line("return default;");
        sw.Close();

        if (m.Return.Kind is ReturnKind.Structured or ReturnKind.JsonValue && code.WriterMethod(m.Return.TypeId!) is null)
        {
            // A static method: the delegate made from it is cached, so writing a result allocates nothing.
            sw.Line();
            sw.Open($"private static void WriteValue_{m.ClassName}({Writer} writer, {m.Return.TypeName} value)");
            code.Write(sw, m.Return.TypeId!, nullable: m.Return.TypeName.EndsWith("?", System.StringComparison.Ordinal), "value", "writer");
            sw.Close();
        }
    }

    private static void EmitCallAndWrite(SourceWriter sw, MethodSpec m, string call, ShapeCode code, bool isAsync)
    {
        string awaited = m.Return.Async != AsyncKind.None ? $"await {call}.ConfigureAwait(false)" : call;
        if (m.Return.Kind == ReturnKind.Void)
        {
            sw.Line(awaited + ";");
            if (m.Kind == PrimitiveKind.Tool) sw.Line($"{Results}.WriteEmpty(result);");
            else if (m.Kind == PrimitiveKind.Prompt) sw.Line($"{Results}.WritePromptMessages(result, null, null);");
            else sw.Line($"{Results}.WriteResourceContents(result, null);");
            return;
        }
        sw.Line($"var value = {awaited};");
        switch (m.Return.Kind)
        {
            case ReturnKind.String when m.Kind == PrimitiveKind.Tool: sw.Line($"{Results}.WriteText(result, value);"); break;
            case ReturnKind.String when m.Kind == PrimitiveKind.Prompt: sw.Line($"{Results}.WritePromptText(result, value, null);"); break;
            case ReturnKind.String: sw.Line($"{Results}.WriteResourceText(result, uri, {CSharp.StringOrNull(m.MimeType)}, value);"); break;
            case ReturnKind.Bytes: sw.Line($"{Results}.WriteResourceBlob(result, uri, {CSharp.StringOrNull(m.MimeType)}, value);"); break;
            case ReturnKind.Memory: sw.Line($"{Results}.WriteResourceBlob(result, uri, {CSharp.StringOrNull(m.MimeType)}, value.Span);"); break;
            case ReturnKind.ContentBlock when m.Kind == PrimitiveKind.Tool: sw.Line($"{Results}.WriteContent(result, value);"); break;
            case ReturnKind.ContentBlocks when m.Kind == PrimitiveKind.Tool: sw.Line($"{Results}.WriteContents(result, value);"); break;
            case ReturnKind.CallToolResult when m.Kind == PrimitiveKind.Tool: sw.Line($"{Results}.WriteCallToolResult(result, value);"); break;
            case ReturnKind.PromptMessage: sw.Line($"{Results}.WritePromptMessage(result, value, null);"); break;
            case ReturnKind.PromptMessages: sw.Line($"{Results}.WritePromptMessages(result, value, null);"); break;
            case ReturnKind.GetPromptResult: sw.Line($"{Results}.WriteGetPromptResult(result, value);"); break;
            case ReturnKind.ResourceContents: sw.Line($"{Results}.WriteResourceContents(result, value is null ? null : new global::McpGen.Protocol.ResourceContents[] {{ value }});"); break;
            case ReturnKind.ResourceContentsList: sw.Line($"{Results}.WriteResourceContents(result, value);"); break;
            case ReturnKind.ReadResourceResult: sw.Line($"{Results}.WriteReadResourceResult(result, value);"); break;
            case ReturnKind.Structured:
                // The shared writer is passed as a method group: a static method's delegate is cached, so nothing allocates.
                sw.Line(m.Return.IsNullable
                    ? $"global::McpGen.Binding.McpValueText.WriteNullableStructured(result, value, {code.WriterMethod(m.Return.TypeId!)});"
                    : $"global::McpGen.Binding.McpValueText.WriteStructured(result, value, {code.WriterMethod(m.Return.TypeId!)});");
                break;
            case ReturnKind.JsonValue:
                sw.Line($"global::McpGen.Binding.McpValueText.WriteAsText(result, value, {code.WriterMethod(m.Return.TypeId!) ?? "WriteValue_" + m.ClassName});");
                break;
            default:
                sw.Line($"throw new global::System.NotSupportedException(\"McpGen cannot write this return type for a {m.Kind}.\");");
                break;
        }
    }

    private static string Call(MethodSpec m)
    {
        var args = m.Parameters.Select(p => p.Kind switch
        {
            ParameterKind.Argument => Local(p),
            ParameterKind.CancellationToken => "context.CancellationToken",
            ParameterKind.Context => "context",
            ParameterKind.Server => "context.Server",
            ParameterKind.Progress => p.ProgressKind == "double" ? "new global::McpGen.Binding.McpDoubleProgress(context)" : "context.Progress",
            _ => p.IsOptional || p.IsNullable
                ? $"({p.TypeName})context.Services.GetService(typeof({p.TypeName.TrimEnd('?')}))"
                : $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{p.TypeName.TrimEnd('?')}>(context.Services)",
        });
        string target = m.IsStatic ? m.ContainingTypeName : "target";
        return $"{target}.{m.MethodName}({string.Join(", ", args)})";
    }

    private static string Local(ParameterSpec p) => "arg_" + p.ClrName;

    /// <summary>
    /// Statements that assign every argument: tools read the arguments object as JSON; prompts read an object of strings
    /// converted to the parameter types. The members are found first (McpMembers), then each argument is read with one
    /// assignment; one catch puts the name of the argument being read in front of a failure's path.
    /// </summary>
    private static void EmitBinding(SourceWriter sw, MethodSpec m, List<ParameterSpec> arguments, ShapeCode code, bool strict)
    {
        var (names, lengths) = JsonCodeEmitter.MemberTable(arguments.Select(a => a.JsonName));
        sw.Line($"var m = {JsonCodeEmitter.Members}.Find(arguments.Span, {names}, {lengths}, {(strict ? "true" : "false")});");
        sw.Open("try");
        for (int i = 0; i < arguments.Count; i++)
        {
            var a = arguments[i];
            string Value(ValueAt at) => m.Kind == PrimitiveKind.Tool
                ? code.ReadUsage(a.TypeId!, a.IsNullable, at)
                : code.Convert(a.TypeId!, $"{ShapeCode.Strings}.ReadArgument(ref {at.Reader})");
            // Optional arguments start at their default.
            string absent = a.Default is not null ? CSharp.Default(a.Default) : "default!";
            if (code.HasChecks(a.TypeId!, a.Constraints))
                code.ReadChecked(sw, Local(a), null, a.TypeId!, a.IsNullable, a.Constraints, i, IsRequired(a), absent, Value);
            else if (IsRequired(a)) sw.Line($"{Local(a)} = {Value(ValueAt.Required(i))};");
            else sw.Line($"{Local(a)} = m.Has({i}) ? {Value(ValueAt.Member(i))} : {absent};");
        }
        sw.Close();
        sw.Line($"catch ({ShapeCode.InvalidParamsException} e) {{ throw m.Prepend(e); }}");
    }

    private static bool IsRequired(ParameterSpec a) => a.Default is null && !a.IsOptional && !a.IsNullable;

    private static void EmitTemplateBinding(SourceWriter sw, List<ParameterSpec> arguments, ShapeCode code)
    {
        foreach (var a in arguments)
        {
            sw.Line($"{a.TypeName} {Local(a)} = default!;");
            sw.Open($"if (variables.TryGetValue({CSharp.String(a.ClrName)}, out var text_{a.ClrName}))");
            sw.Line($"try {{ {Local(a)} = {code.Convert(a.TypeId!, "text_" + a.ClrName)}; }}");
            sw.Line($"catch ({ShapeCode.InvalidParamsException} e) {{ throw {ShapeCode.InvalidParams}.Prepend(e, {CSharp.String(a.ClrName)}); }}");
            sw.Close();
            if (a.Default is not null) sw.Line($"else {Local(a)} = {CSharp.Default(a.Default)};");
            else if (!a.IsOptional && !a.IsNullable) sw.Line($"else throw {ShapeCode.InvalidParamsException}.At({CSharp.String(a.ClrName)}, \"is required but missing.\");");
        }
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Cref(string typeName) => typeName.Replace("global::", "").Replace('<', '{').Replace('>', '}');
}
