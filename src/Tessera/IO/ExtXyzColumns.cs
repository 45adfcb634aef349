using Tessera.Core;

namespace Tessera.IO;

/// <summary>The per-atom lines of an extxyz frame: one whitespace-separated field per column.</summary>
internal static class ExtXyzColumns
{
    /// <summary>Reads n atom lines into one typed array per property (double[], long[], string[] or bool[]).</summary>
    public static Array[] ReadAtoms(LineReader r, int n, List<ExtXyzColumn> cols)
    {
        int width = cols.Sum(c => c.Columns);
        var data = cols.Select(c => Allocate(c, n)).ToArray();
        for (int i = 0; i < n; i++)
        {
            var f = TextNumbers.Fields(XyzLines.ReadAtomLine(r, n, i));
            if (f.Length != width)
                throw r.Error($"atom line has {f.Length} fields but Properties declares {width} columns.");
            int k = 0;
            for (int c = 0; c < cols.Count; c++)
                for (int j = 0; j < cols[c].Columns; j++, k++)
                    Store(r, cols[c], data[c], i * cols[c].Columns + j, f[k]);
        }
        return data;
    }

    private static Array Allocate(ExtXyzColumn c, int n) => c.Kind switch
    {
        PerAtomKind.Real => new double[n * c.Columns],
        PerAtomKind.Integer => new long[n * c.Columns],
        PerAtomKind.String => new string[n * c.Columns],
        _ => new bool[n * c.Columns],
    };

    private static void Store(LineReader r, ExtXyzColumn c, Array into, int index, string token)
    {
        switch (c.Kind)
        {
            case PerAtomKind.Real: ((double[])into)[index] = TextNumbers.ParseDouble(r, token, $"column '{c.Name}'"); break;
            case PerAtomKind.Integer: ((long[])into)[index] = TextNumbers.ParseLong(r, token, $"column '{c.Name}'"); break;
            case PerAtomKind.String: ((string[])into)[index] = token; break;
            default:
                ((bool[])into)[index] = TextNumbers.TryParseBool(token, out bool b) ? b
                    : throw r.Error($"column '{c.Name}': '{token}' is not a logical (T/F/True/False).");
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
