using System.Collections.Generic;
using System.Linq;

namespace McpGen.Generators.Model;

/// <summary>
/// A shape and what the assembly needs of it: a reader (it is reachable from an argument), a writer (reachable from a
/// result) and, for enums, a string parser (a prompt argument or template variable). Only those are emitted.
/// </summary>
internal sealed record ShapeUse(TypeShape Shape, bool Read, bool Write, bool Parse)
{
    /// <summary>Every shape of <paramref name="methods"/>, deduplicated, ordered by id, with its uses.</summary>
    public static EquatableArray<ShapeUse> Of(IEnumerable<MethodSpec> methods)
    {
        var shapes = new Dictionary<string, TypeShape>(System.StringComparer.Ordinal);
        var read = new HashSet<string>(System.StringComparer.Ordinal);
        var write = new HashSet<string>(System.StringComparer.Ordinal);
        var parse = new HashSet<string>(System.StringComparer.Ordinal);
        var list = methods.ToList();
        foreach (var m in list)
            foreach (var s in m.Shapes)
                if (!shapes.ContainsKey(s.Id)) shapes[s.Id] = s;
        foreach (var m in list)
        {
            foreach (var p in m.Parameters)
            {
                if (p.Kind != ParameterKind.Argument || p.TypeId is null) continue;
                if (m.Kind == PrimitiveKind.Tool) Reach(p.TypeId, shapes, read);
                else if (shapes.TryGetValue(p.TypeId, out var s)) parse.Add(s.Kind == ShapeKind.Nullable ? s.ElementId! : s.Id);
            }
            if (m.Return.TypeId is not null) Reach(m.Return.TypeId, shapes, write);
        }
        return shapes.Values.OrderBy(s => s.Id, System.StringComparer.Ordinal)
            .Select(s => new ShapeUse(s, read.Contains(s.Id), write.Contains(s.Id), parse.Contains(s.Id)))
            .ToEquatableArray();
    }

    private static void Reach(string id, Dictionary<string, TypeShape> shapes, HashSet<string> seen)
    {
        var stack = new Stack<string>();
        stack.Push(id);
        while (stack.Count > 0)
        {
            string next = stack.Pop();
            if (!seen.Add(next) || !shapes.TryGetValue(next, out var shape)) continue;
            if (shape.ElementId is not null) stack.Push(shape.ElementId);
            foreach (var member in shape.Members) stack.Push(member.TypeId);
        }
    }
}
