using Tessera.Core;

namespace Tessera.IO;

/// <summary>One entry of an extxyz Properties string, NAME:TYPE:NCOLS.</summary>
internal readonly record struct ExtXyzColumn(string Name, PerAtomKind Kind, int Columns);

/// <summary>Parses and writes the Properties string ("species:S:1:pos:R:3:forces:R:3").</summary>
internal static class ExtXyzProperties
{
    public const string Default = "species:S:1:pos:R:3";

    public static List<ExtXyzColumn> Parse(string text, LineReader r)
    {
        var f = text.Split(':');
        if (f.Length % 3 != 0)
            throw r.Error($"Properties '{text}' must be NAME:TYPE:NCOLS triples ({f.Length} fields).");
        var cols = new List<ExtXyzColumn>();
        for (int i = 0; i < f.Length; i += 3)
        {
            var kind = f[i + 1] switch
            {
                "R" => PerAtomKind.Real, "I" => PerAtomKind.Integer, "S" => PerAtomKind.String, "L" => PerAtomKind.Logical,
                _ => throw r.Error($"Properties: unknown type '{f[i + 1]}' for '{f[i]}' (expected R, I, S or L)."),
            };
            if (!int.TryParse(f[i + 2], out int n) || n < 1)
                throw r.Error($"Properties: column count '{f[i + 2]}' for '{f[i]}' is not a positive integer.");
            if (f[i].Length == 0) throw r.Error("Properties: empty property name.");
            if (cols.Any(c => c.Name == f[i])) throw r.Error($"Properties: '{f[i]}' appears twice.");
            cols.Add(new ExtXyzColumn(f[i], kind, n));
        }
        return cols;
    }

    public static string Format(IEnumerable<ExtXyzColumn> cols) =>
        string.Join(':', cols.Select(c => $"{c.Name}:{KindLetter(c.Kind)}:{c.Columns}"));

    public static char KindLetter(PerAtomKind k) => k switch
    {
        PerAtomKind.Real => 'R', PerAtomKind.Integer => 'I', PerAtomKind.String => 'S', _ => 'L',
    };
}
