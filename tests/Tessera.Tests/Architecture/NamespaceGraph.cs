using System.Reflection;
using System.Reflection.Emit;

namespace Tessera.Tests.Architecture;

/// <summary>Which namespaces of an assembly use which: every type's base, interfaces, fields, properties, method
/// signatures and locals, and every type, field and method token in its IL (so a type test or a static call in a method
/// body counts, as it does for the design). Compiler-generated nested types (lambdas, iterators) count for their
/// namespace.</summary>
public static class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Edges (from, to) between distinct namespaces that start with <paramref name="prefix"/>, with one
    /// example of each ("Type -> Type") for the failure message.</summary>
    public static SortedDictionary<(string From, string To), string> Edges(Assembly assembly, string prefix)
    {
        var edges = new SortedDictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.Namespace is not { } from || !from.StartsWith(prefix, StringComparison.Ordinal)) continue;
            foreach (var used in Uses(type).SelectMany(Expand).Distinct())
                if (used.Namespace is { } to && to != from && to.StartsWith(prefix, StringComparison.Ordinal) && used.Assembly == assembly)
                    edges.TryAdd((from, to), $"{type.FullName} -> {used.FullName}");
        }
        return edges;
    }

    private static IEnumerable<Type> Uses(Type t)
    {
        if (t.BaseType is { } b) yield return b;
        foreach (var i in t.GetInterfaces()) yield return i;
        foreach (var f in t.GetFields(All)) yield return f.FieldType;
        foreach (var p in t.GetProperties(All)) yield return p.PropertyType;
        foreach (var m in t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)))
        {
            if (m is MethodInfo mi) yield return mi.ReturnType;
            foreach (var p in m.GetParameters()) yield return p.ParameterType;
            if (m.GetMethodBody() is not { } body) continue;
            foreach (var l in body.LocalVariables) yield return l.LocalType;
            foreach (var used in IlTypes(m, body.GetILAsByteArray() ?? [])) yield return used;
        }
    }

    /// <summary>A type with its element and generic argument types (List&lt;IEngine&gt; uses IEngine).</summary>
    private static IEnumerable<Type> Expand(Type t)
    {
        if (t.HasElementType) { foreach (var e in Expand(t.GetElementType()!)) yield return e; yield break; }
        if (t.IsGenericParameter) yield break;
        yield return t;
        if (t.IsGenericType) foreach (var a in t.GetGenericArguments().SelectMany(Expand)) yield return a;
    }

    private static IEnumerable<Type> IlTypes(MethodBase m, byte[] il)
    {
        var typeArgs = m.DeclaringType!.IsGenericType ? m.DeclaringType.GetGenericArguments() : null;
        var methodArgs = m.IsGenericMethod ? m.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            short code = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[code];
            if (op.OperandType is OperandType.InlineType or OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok)
            {
                var member = m.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                if (member is Type type) yield return type;
                else if (member?.DeclaringType is { } declaring) yield return declaring;
                if (member is MethodInfo called) foreach (var g in called.IsGenericMethod ? called.GetGenericArguments() : []) yield return g;
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
        }
    }
}
