using System.Collections;
using System.Reflection;

namespace Tessera.Tests;

/// <summary>Field-by-field equality of two object graphs: every public instance property, recursively, collections
/// by content (dictionaries by key), doubles bit for bit. A setting a file forgets shows up as the path of the property
/// that differs, which ToString() comparisons cannot see.</summary>
public static class DeepAssert
{
    /// <param name="ignore">Property names ("Type.Property") left out on purpose, each for a stated reason at the call site.</param>
    public static void Equal(object? expected, object? actual, params string[] ignore) =>
        Compare(expected, actual, "model", new HashSet<string>(ignore, StringComparer.Ordinal), 0);

    private static void Compare(object? a, object? b, string path, HashSet<string> ignore, int depth)
    {
        if (depth > 12) throw new InvalidOperationException($"{path}: object graph deeper than 12 (a cycle?)");
        if (a is null || b is null)
        {
            Assert.True(a is null && b is null, $"{path}: {a ?? "null"} vs {b ?? "null"}");
            return;
        }
        var type = a.GetType();
        Assert.True(type == b.GetType(), $"{path}: type {type.Name} vs {b.GetType().Name}");
        if (a is double x) { Assert.True(BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits((double)b), $"{path}: {x:R} vs {b:R}"); return; }
        if (type.IsPrimitive || type.IsEnum || a is string or decimal or DateTime or DateTimeOffset or TimeSpan or Guid)
        {
            Assert.True(a.Equals(b), $"{path}: {a} vs {b}");
            return;
        }
        if (a is IEnumerable ea)
        {
            var la = Items(ea);
            var lb = Items((IEnumerable)b);
            Assert.True(la.Count == lb.Count, $"{path}: {la.Count} vs {lb.Count} items");
            for (int i = 0; i < la.Count; i++) Compare(la[i], lb[i], $"{path}[{i}]", ignore, depth + 1);
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.PropertyType.IsByRefLike || p.Name == "EqualityContract") continue;
            if (ignore.Contains($"{type.Name}.{p.Name}")) continue;
            Compare(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}", ignore, depth + 1);
        }
    }

    /// <summary>Items in order; key-value pairs (dictionaries) sorted by key, as their order carries no meaning.</summary>
    private static List<object?> Items(IEnumerable e)
    {
        var items = e.Cast<object?>().ToList();
        if (items.Count == 0 || items[0] is null) return items;
        var t = items[0]!.GetType();
        if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(KeyValuePair<,>)) return items;
        var key = t.GetProperty("Key")!;
        return [.. items.OrderBy(i => key.GetValue(i)?.ToString(), StringComparer.Ordinal)];
    }
}
