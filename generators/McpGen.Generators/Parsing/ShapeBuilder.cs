using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpGen.Generators.Parsing;

/// <summary>
/// Maps .NET types to <see cref="TypeShape"/>s: the one model per type from which schema, reader and writer are made.
/// Returns null (with <see cref="Failure"/> saying why) for a type it cannot model; the generator then skips the method.
/// </summary>
internal sealed class ShapeBuilder(AssemblyOptionsSpec options, CancellationToken cancellationToken)
{
    // Fully qualified with nullable modifiers on type arguments: List<string?> and List<string> are different shapes.
    internal static readonly SymbolDisplayFormat Fq = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
    private readonly Dictionary<string, TypeShape?> _shapes = new(System.StringComparer.Ordinal);
    private readonly HashSet<string> _userJsonTypes = new(options.UserJsonTypes, System.StringComparer.Ordinal);
    private readonly NamingPolicy naming = options.Naming;

    /// <summary>Why the last failed type could not be modelled (a path such as <c>Order.Lines[].Product</c>).</summary>
    public string? Failure { get; private set; }

    /// <summary>Whether the user's JsonSerializerContext (the escape hatch) lists <paramref name="type"/>.</summary>
    public bool IsUserJsonType(ITypeSymbol type) =>
        _userJsonTypes.Contains((type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type).ToDisplayString(Fq));

    public IEnumerable<TypeShape> Shapes => _shapes.Values.Where(s => s is not null)!;

    /// <summary>The shape id of <paramref name="type"/>, building it (and everything it reaches) on first use.</summary>
    public string? Build(ITypeSymbol type) => Build(type, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));

    private string? Build(ITypeSymbol type, string path)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (type.IsReferenceType) type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        string id = type.ToDisplayString(Fq);
        if (_shapes.ContainsKey(id)) return id; // built, or being built (recursion)

        _shapes[id] = null;
        var shape = TryBuild(type, id, path);
        if (shape is null && _userJsonTypes.Contains(id) && options.JsonContextTypeName is { } userJsonContext)
        {
            Failure = null;
            shape = Primitive(type, id, ShapeKind.UserJson) with
            {
                UserJsonTypeInfo = $"((global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{id}>){userJsonContext}.Default.GetTypeInfo(typeof({id}))!)",
            };
        }
        if (shape is null)
        {
            _shapes.Remove(id);
            return null;
        }
        _shapes[id] = shape;
        return id;
    }

    private TypeShape? TryBuild(ITypeSymbol type, string id, string path)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return Primitive(type, id, ShapeKind.Boolean);
            case SpecialType.System_SByte: return Integer(type, id, sbyte.MinValue, sbyte.MaxValue);
            case SpecialType.System_Byte: return Integer(type, id, byte.MinValue, byte.MaxValue);
            case SpecialType.System_Int16: return Integer(type, id, short.MinValue, short.MaxValue);
            case SpecialType.System_UInt16: return Integer(type, id, ushort.MinValue, ushort.MaxValue);
            case SpecialType.System_Int32: return Integer(type, id, int.MinValue, int.MaxValue);
            case SpecialType.System_UInt32: return Integer(type, id, uint.MinValue, uint.MaxValue);
            case SpecialType.System_Int64: return Integer(type, id, long.MinValue, long.MaxValue);
            case SpecialType.System_UInt64: return Primitive(type, id, ShapeKind.UInt64);
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal: return Primitive(type, id, ShapeKind.Number);
            case SpecialType.System_String: return Primitive(type, id, ShapeKind.String);
            case SpecialType.System_Char: return Primitive(type, id, ShapeKind.Char);
            case SpecialType.System_DateTime: return Primitive(type, id, ShapeKind.DateTime);
        }

        switch (id)
        {
            case "global::System.Guid": return Primitive(type, id, ShapeKind.Guid);
            case "global::System.DateTimeOffset": return Primitive(type, id, ShapeKind.DateTimeOffset);
            case "global::System.DateOnly": return Primitive(type, id, ShapeKind.DateOnly);
            case "global::System.TimeOnly": return Primitive(type, id, ShapeKind.TimeOnly);
            case "global::System.TimeSpan": return Primitive(type, id, ShapeKind.TimeSpan);
            case "global::System.Uri": return Primitive(type, id, ShapeKind.Uri);
            case "global::System.Text.Json.JsonElement": return Primitive(type, id, ShapeKind.JsonElement);
            case "global::System.Text.Json.Nodes.JsonNode": return Primitive(type, id, ShapeKind.JsonNode);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1) return Fail(path, "multi-dimensional arrays are not supported");
            if (array.ElementType.SpecialType == SpecialType.System_Byte) return Primitive(type, id, ShapeKind.Bytes);
            return Collection(type, id, array.ElementType, CollectionKind.Array, unique: false, path);
        }

        if (type is not INamedTypeSymbol named) return Fail(path, $"'{id}' is not a type McpGen can bind");

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            string? element = Build(named.TypeArguments[0], path);
            if (element is null) return null;
            return Primitive(type, id, ShapeKind.Nullable) with { ElementId = element, ElementTypeName = named.TypeArguments[0].ToDisplayString(Fq) };
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            if (named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute"))
                return Fail(path, $"[Flags] enum '{named.Name}' is not supported (use an array of a plain enum)");
            var members = named.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue)
                .Select(f => new EnumMemberSpec(f.Name, EnumWireName(f))).ToEquatableArray();
            return Primitive(type, id, ShapeKind.Enum) with { EnumMembers = members, Description = DocComments.Summary(DocComments.Read(named, cancellationToken)) };
        }

        if (named.IsGenericType)
        {
            string definition = named.OriginalDefinition.ToDisplayString(Fq);
            var args = named.TypeArguments;
            switch (definition)
            {
                case "global::System.Collections.Generic.List<T>":
                case "global::System.Collections.Generic.IList<T>":
                case "global::System.Collections.Generic.IReadOnlyList<T>":
                case "global::System.Collections.Generic.IEnumerable<T>":
                case "global::System.Collections.Generic.ICollection<T>":
                case "global::System.Collections.Generic.IReadOnlyCollection<T>":
                    return Collection(type, id, args[0], CollectionKind.List, unique: false, path);
                case "global::System.Collections.Generic.HashSet<T>":
                case "global::System.Collections.Generic.ISet<T>":
                case "global::System.Collections.Generic.IReadOnlySet<T>":
                    return Collection(type, id, args[0], CollectionKind.HashSet, unique: true, path);
                case "global::System.Collections.Generic.Dictionary<TKey, TValue>":
                case "global::System.Collections.Generic.IDictionary<TKey, TValue>":
                case "global::System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                    if (args[0].SpecialType != SpecialType.System_String) return Fail(path, "dictionaries need string keys");
                    string? value = Build(args[1], path + "{}");
                    if (value is null) return null;
                    return Primitive(type, id, ShapeKind.Dictionary) with { ElementId = value, ElementTypeName = args[1].ToDisplayString(Fq), ElementNullable = IsNullable(args[1], args[1].NullableAnnotation) };
            }
        }

        return Object(named, id, path);
    }

    private TypeShape? Collection(ITypeSymbol type, string id, ITypeSymbol element, CollectionKind kind, bool unique, string path)
    {
        string? elementId = Build(element, path + "[]");
        if (elementId is null) return null;
        return Primitive(type, id, ShapeKind.Collection) with
        {
            ElementId = elementId,
            ElementNullable = IsNullable(element, element.NullableAnnotation),
            CollectionKind = kind,
            UniqueItems = unique,
            ElementTypeName = element.ToDisplayString(Fq),
        };
    }

    private TypeShape? Object(INamedTypeSymbol type, string id, string path)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) return Fail(path, $"'{type.Name}' is {(type.TypeKind == TypeKind.Interface ? "an interface" : "a " + type.TypeKind.ToString().ToLowerInvariant())}; McpGen binds classes, records and structs");
        if (type.IsAbstract) return Fail(path, $"'{type.Name}' is abstract");
        if (type.IsGenericType && type.TypeArguments.Any(t => t is ITypeParameterSymbol)) return Fail(path, $"'{type.Name}' is an open generic type");
        if (id.StartsWith("global::System.", System.StringComparison.Ordinal) || id.StartsWith("global::Microsoft.", System.StringComparison.Ordinal))
            return Fail(path, $"'{type.ToDisplayString()}' is a framework type McpGen does not model");
        if (!IsAccessible(type)) return Fail(path, $"'{type.Name}' is not accessible (make it public or internal)");

        var properties = new List<IPropertySymbol>();
        var ignored = new List<IPropertySymbol>();
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            foreach (var p in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (p.IsStatic || p.IsIndexer || p.GetMethod is null || p.DeclaredAccessibility != Accessibility.Public) continue;
                if (p.Name == "EqualityContract") continue;
                if (properties.Any(existing => existing.Name == p.Name) || ignored.Any(existing => existing.Name == p.Name)) continue; // overridden / hidden
                if (HasAttribute(p, "System.Text.Json.Serialization.JsonIgnoreAttribute") && !IgnoredOnlyWhenNull(p)) { ignored.Add(p); continue; }
                properties.Add(p);
            }
        }
        bool MatchesProperty(IParameterSymbol cp) => properties.Any(prop => string.Equals(prop.Name, cp.Name, System.StringComparison.OrdinalIgnoreCase));
        bool MatchesIgnored(IParameterSymbol cp) => ignored.Any(prop => string.Equals(prop.Name, cp.Name, System.StringComparison.OrdinalIgnoreCase));

        // Choose how to construct: a public parameterless constructor, or the public constructor with the most
        // parameters whose names all match properties (records' primary constructors).
        var constructors = type.InstanceConstructors.Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal && !c.IsImplicitlyDeclared || (c.IsImplicitlyDeclared && c.Parameters.Length == 0)).ToList();
        IMethodSymbol? ctor = constructors
            // A parameter of a [JsonIgnore]d property is never bound: it takes its default, as System.Text.Json does.
            .Where(c => c.Parameters.Length > 0 && c.Parameters.All(p => MatchesProperty(p) || (MatchesIgnored(p) && p.HasExplicitDefaultValue)))
            .Where(c => !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type))) // record copy constructor
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        bool hasDefaultCtor = type.IsValueType || constructors.Any(c => c.Parameters.Length == 0);
        if (ctor is null && !hasDefaultCtor)
        {
            var blocked = constructors.SelectMany(c => c.Parameters).FirstOrDefault(p => MatchesIgnored(p) && !p.HasExplicitDefaultValue);
            if (blocked is not null)
                return Fail(path, $"constructor parameter '{blocked.Name}' of '{type.Name}' belongs to a [JsonIgnore]d property, so no argument can give it a value: give the parameter a default value (it is then always used) or remove [JsonIgnore]");
            return Fail(path, $"'{type.Name}' has no public parameterless constructor and no constructor whose parameters match its properties");
        }

        var doc = DocComments.Read(type, cancellationToken);
        var members = new List<MemberShape>();
        foreach (var p in properties)
        {
            var ctorParam = ctor?.Parameters.FirstOrDefault(cp => string.Equals(cp.Name, p.Name, System.StringComparison.OrdinalIgnoreCase));
            bool canSet = p.SetMethod is not null && p.SetMethod.DeclaredAccessibility == Accessibility.Public;
            bool initOnly = p.SetMethod?.IsInitOnly == true;
            string? memberId = Build(p.Type, path + "." + p.Name);
            if (memberId is null)
            {
                // A read-only property nobody binds can be left out of reading, but not out of writing: fail.
                return null;
            }
            var attributes = p.GetAttributes().Concat(ctorParam?.GetAttributes() ?? Enumerable.Empty<AttributeData>()).ToList();
            bool nullable = IsNullable(p.Type, p.NullableAnnotation);
            bool required = p.IsRequired || HasAttribute(p, "System.Text.Json.Serialization.JsonRequiredAttribute") || ConstraintReader.HasRequired(attributes)
                || (ctorParam is not null && !ctorParam.HasExplicitDefaultValue && !nullable && !ctorParam.IsOptional);
            DefaultSpec? defaultValue = null;
            if (ctorParam is { HasExplicitDefaultValue: true })
            {
                defaultValue = Defaults.Of(ctorParam);
                required = false;
            }
            else if (ctorParam is null)
            {
                defaultValue = InitializerDefault(p);
            }
            string? description = Description(p) ?? (ctorParam is null ? null : DocComments.Param(doc, ctorParam.Name));
            members.Add(new MemberShape(
                ClrName: p.Name,
                JsonName: JsonName(p, p.Name),
                TypeId: memberId,
                TypeName: p.Type.ToDisplayString(Fq),
                IsNullable: nullable,
                IsRequired: required,
                CanSet: canSet && ctorParam is null,
                IsInitOnly: initOnly,
                CtorIndex: ctorParam?.Ordinal ?? -1,
                // An optional init-only member that is absent must keep its initializer: it is set after construction,
                // through an [UnsafeAccessor] of its init accessor, only when present (not for generic declaring types,
                // which UnsafeAccessor on net8.0 cannot target: those keep the initializer-list form).
                InitAccessorOwner: initOnly && canSet && ctorParam is null && !required && !p.ContainingType.IsGenericType
                    ? p.ContainingType.ToDisplayString(Fq) : null,
                Default: defaultValue,
                Description: description,
                Constraints: ConstraintReader.Read(attributes, p.Type)));
        }
        var fixedArguments = ctor is null ? new List<FixedArgumentSpec>()
            : ctor.Parameters.Where(cp => members.All(m => m.CtorIndex != cp.Ordinal) && MatchesIgnored(cp) && cp.HasExplicitDefaultValue)
                .Select(cp => new FixedArgumentSpec(cp.Ordinal, Defaults.Of(cp))).ToList();
        if (ctor is not null && ctor.Parameters.Any(cp => members.All(m => m.CtorIndex != cp.Ordinal) && fixedArguments.All(f => f.CtorIndex != cp.Ordinal)))
            return Fail(path, $"a constructor parameter of '{type.Name}' matches no property");

        return Primitive(type, id, ShapeKind.Object) with
        {
            Members = members.ToEquatableArray(),
            FixedArguments = fixedArguments.ToEquatableArray(),
            UsesConstructor = ctor is not null,
            Description = DocComments.Summary(doc) ?? DescriptionAttribute(type),
        };
    }

    /// <summary>
    /// A property initializer that is a constant the schema can state: a literal (<c>= 10</c>, <c>= "x"</c>), a negated
    /// number (<c>= -1</c>) or a member of the property's enum (<c>= Color.Blue</c>); its value, for the schema.
    /// </summary>
    private static DefaultSpec? InitializerDefault(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { Initializer.Value: { } value }) continue;
            switch (value)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax literal:
                    return Defaults.Of(literal.Token.Value, property.Type);
                case Microsoft.CodeAnalysis.CSharp.Syntax.PrefixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.UnaryMinusExpression,
                    Operand: Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax number } when Negated(number.Token.Value) is { } negated:
                    return Defaults.Of(negated, property.Type);
                case Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax access when EnumOf(property.Type) is { } enumType:
                    // Syntax only (no semantic model here): the member must be one of the property's own enum, named through it.
                    if (access.Expression.ToString().Split('.').Last() != enumType.Name) return null;
                    foreach (var member in enumType.GetMembers(access.Name.Identifier.ValueText))
                        if (member is IFieldSymbol { HasConstantValue: true } field) return Defaults.Of(field.ConstantValue, property.Type);
                    return null;
            }
        }
        return null;
    }

    private static object? Negated(object? value) => value switch
    {
        int i => -i,
        long l => -l,
        double d => -d,
        float f => -f,
        decimal m => -m,
        _ => null, // unsigned literals cannot be negated into their type
    };

    private static INamedTypeSymbol? EnumOf(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
        return type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType ? enumType : null;
    }

    private string JsonName(ISymbol symbol, string clrName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                return name;
        }
        return Names.Apply(naming, clrName);
    }

    private string? Description(ISymbol symbol) =>
        DescriptionAttribute(symbol) ?? DocComments.Summary(DocComments.Read(symbol, cancellationToken));

    public static string? DescriptionAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text)
                return text;
        }
        return null;
    }

    private static string EnumWireName(IFieldSymbol field)
    {
        foreach (var attribute in field.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                return name;
        }
        return field.Name;
    }

    public static bool IsNullable(ITypeSymbol type, NullableAnnotation annotation) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
        || (type.IsReferenceType && annotation == NullableAnnotation.Annotated);

    private static bool HasAttribute(ISymbol symbol, string name) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == name);

    private static bool IgnoredOnlyWhenNull(IPropertySymbol p) =>
        p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonIgnoreAttribute"
            && a.NamedArguments.Any(n => n.Key == "Condition" && n.Value.Value is int c && c != 1 /* Always */));

    private static bool IsAccessible(INamedTypeSymbol type)
    {
        for (ISymbol? s = type; s is INamedTypeSymbol t; s = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)) return false;
        }
        return true;
    }

    private TypeShape Primitive(ITypeSymbol type, string id, ShapeKind kind) => new(
        Id: id,
        TypeName: id,
        Identifier: Names.Identifier(type.Name) + "_" + Names.StableHash(id),
        SchemaName: Names.Identifier(type.Name),
        Kind: kind,
        IsValueType: type.IsValueType,
        ElementId: null,
        CollectionKind: CollectionKind.None,
        UniqueItems: false,
        ElementTypeName: null,
        ElementNullable: false,
        Members: EquatableArray<MemberShape>.Empty,
        EnumMembers: EquatableArray<EnumMemberSpec>.Empty,
        UsesConstructor: false,
        Description: null,
        IntegerMin: 0,
        IntegerMax: 0,
        UserJsonTypeInfo: null,
        FixedArguments: EquatableArray<FixedArgumentSpec>.Empty);

    private TypeShape Integer(ITypeSymbol type, string id, long min, long max) =>
        Primitive(type, id, ShapeKind.Integer) with { IntegerMin = min, IntegerMax = max };

    private TypeShape? Fail(string path, string reason)
    {
        Failure ??= $"{path}: {reason}";
        return null;
    }
}
