using Tessera.Core;

namespace Tessera.IO;

/// <summary>The per-atom lines of an extxyz frame: one whitespace-separated field per column.</summary>
internal static class ExtXyzColumns
{
    /// <summary>Reads n atom lines into one typed array per property (double[], long[], string[] or bool[]),
    /// growing with the lines read (n is the file's claim, see <see cref="XyzLines.InitialCapacity"/>).</summary>
    public static Array[] ReadAtoms(LineReader r, int n, List<ExtXyzColumn> cols)
    {
        long width = cols.Sum(c => (long)c.Columns);
        var data = cols.Select(c => Allocate(c.Kind, XyzLines.InitialCapacity((long)n * c.Columns))).ToArray();
        for (int i = 0; i < n; i++)
        {
            var f = TextNumbers.Fields(XyzLines.ReadAtomLine(r, n, i));
            if (f.Length != width)
                throw r.Error($"atom line has {f.Length} fields but Properties declares {width} columns.");
            int k = 0;
            for (int c = 0; c < cols.Count; c++)
                for (int j = 0; j < cols[c].Columns; j++, k++)
                    Store(r, cols[c], data[c], f[k]);
        }
        return data.Select(ToArray).ToArray();
    }

    private static System.Collections.IList Allocate(PerAtomKind kind, int capacity) => kind switch
    {
        PerAtomKind.Real => new List<double>(capacity),
        PerAtomKind.Integer => new List<long>(capacity),
        PerAtomKind.String => new List<string>(capacity),
        _ => new List<bool>(capacity),
    };

    private static Array ToArray(System.Collections.IList list) => list switch
    {
        List<double> d => d.ToArray(),
        List<long> l => l.ToArray(),
        List<string> s => s.ToArray(),
        _ => ((List<bool>)list).ToArray(),
    };

    private static void Store(LineReader r, ExtXyzColumn c, System.Collections.IList into, string token)
    {
        switch (c.Kind)
        {
            case PerAtomKind.Real: ((List<double>)into).Add(TextNumbers.ParseDouble(r, token, $"column '{c.Name}'")); break;
            case PerAtomKind.Integer: ((List<long>)into).Add(TextNumbers.ParseLong(r, token, $"column '{c.Name}'")); break;
            case PerAtomKind.String: ((List<string>)into).Add(token); break;
            default:
                ((List<bool>)into).Add(TextNumbers.TryParseBool(token, out bool b) ? b
                    : throw r.Error($"column '{c.Name}': '{token}' is not a logical (T/F/True/False)."));
                break;
        }
    }

    public static void WriteAtoms(TextWriter w, Structure s, List<(ExtXyzColumn Col, PerAtomArray? Data)> cols)
    {
        for (int i = 0; i < s.Count; i++)
        {
            w.Write(Element.FromNumber(s.Numbers[i]).Symbol);
            var p = s.Positions[i];
            w.Write(' '); w.Write(TextNumbers.Format(p.X));
            w.Write(' '); w.Write(TextNumbers.Format(p.Y));
            w.Write(' '); w.Write(TextNumbers.Format(p.Z));
            foreach (var (col, a) in cols)
            {
                if (a is null) continue;
                for (int j = 0; j < a.Columns; j++) { w.Write(' '); w.Write(Field(col.Name, a, i * a.Columns + j)); }
            }
            w.Write('\n');
        }
    }

    private static string Field(string name, PerAtomArray a, int k) => a.Kind switch
    {
        PerAtomKind.Real => TextNumbers.Format(a.Reals[k]),
        PerAtomKind.Integer => TextNumbers.Format(a.Integers[k]),
        PerAtomKind.Logical => a.Logicals[k] ? "T" : "F",
        _ => a.Strings[k] is { Length: > 0 } t && !t.Any(char.IsWhiteSpace) ? t
            : throw new ArgumentException($"String column '{name}' holds '{a.Strings[k]}'; extxyz fields must be non-empty without spaces."),
    };
}
