using Tessera.Core;

namespace Tessera.IO;

/// <summary>Extended xyz as ASE 3.22 reads and writes it. Comment line:
/// <c>Lattice="ax ay az bx by bz cx cy cz" Properties=species:S:1:pos:R:3:... key=value ... pbc="T T T"</c>.
/// On read: species (or Z) -> Numbers, pos -> Positions, Lattice -> Cell (pbc defaults to all true when a
/// Lattice is given without pbc), columns "charge" and "initial_charges" (ASE's names for per-atom charges) ->
/// Arrays["charges"], written back as "charge"; other columns -> Arrays under their own names.
/// Charge and multiplicity keys -> Structure.Charge and Structure.Multiplicity (see <see cref="ChargeAndMultiplicity"/>),
/// removed from Info (a non-integral charge stays in Info); every other key -> Info. On write: species, pos,
/// then the other arrays; Lattice, Properties, Info keys, charge/multiplicity when not 0/1, pbc last; numbers
/// in shortest round-trip form.</summary>
public static class ExtXyz
{
    /// <summary>ASE's names: file column name -> array name.</summary>
    private static readonly Dictionary<string, string> ColumnToArray = new() { ["charge"] = "charges", ["initial_charges"] = "charges" };
    private static readonly HashSet<string> ReservedArrays = ["species", "pos", "symbols", "positions", "numbers", "Z"];

    /// <summary>Lazily reads every frame; <paramref name="file"/> names the source in errors.</summary>
    public static IEnumerable<Structure> Read(TextReader reader, string file)
    {
        var r = new LineReader(reader, file);
        while (XyzLines.TryReadCount(r, out int n))
            yield return ReadFrame(r, n);
    }

    private static Structure ReadFrame(LineReader r, int n)
    {
        string comment = XyzLines.ReadComment(r, n);
        int commentLine = r.Line;
        var kv = ExtXyzKeyValues.Parse(comment, r);
        var info = new List<KeyValuePair<string, object>>();
        object? latticeValue = null, pbcValue = null;
        string properties = ExtXyzProperties.Default;
        foreach (var (k, v) in kv)
        {
            if (k == "Lattice") latticeValue = v;
            else if (k == "pbc") pbcValue = v;
            else if (k == "Properties") properties = v as string ?? throw r.Error($"Properties must be a string, found '{v}'.");
            else info.Add(new(k, v));
        }
        Mat3? cell = latticeValue is double[] lat ? Mat3.FromRowMajor(lat) : null;
        bool[] pbc = pbcValue switch
        {
            null => cell is null ? [false, false, false] : [true, true, true],
            bool b => [b, b, b],
            bool[] { Length: 3 } bs => bs,
            _ => throw r.Error("pbc must be one or three logicals (T/F)."),
        };
        if (cell is null && pbc.Any(p => p)) throw r.Error("pbc is periodic but no Lattice is given.");
        var cols = ExtXyzProperties.Parse(properties, r);
        var data = ExtXyzColumns.ReadAtoms(r, n, cols);
        var s = BuildStructure(r, commentLine, cols, data, cell, pbc);
        foreach (var (k, v) in info) s.Info[k] = v;
        foreach (var key in ChargeAndMultiplicity.Take(s, s.Info, r, commentLine)) s.Info.Remove(key);
        FrameChecks.Check(s, r, commentLine, i => commentLine + 1 + i);
        return s;
    }

    private static Structure BuildStructure(LineReader r, int commentLine, List<ExtXyzColumn> cols, Array[] data,
                                            Mat3? cell, bool[] pbc)
    {
        int[]? numbers = null, zNumbers = null; Vec3[]? positions = null;
        var arrays = new List<(string, PerAtomArray)>();
        for (int c = 0; c < cols.Count; c++)
        {
            var col = cols[c];
            if (col.Name == "species" && col.Kind == PerAtomKind.String && col.Columns == 1)
                numbers = ((string[])data[c]).Select((sym, i) => SymbolToNumber(r, sym, commentLine + 1 + i)).ToArray();
            else if (col.Name == "Z" && col.Kind == PerAtomKind.Integer && col.Columns == 1)
                zNumbers = ((long[])data[c]).Select((z, i) => ZToNumber(r, z, commentLine + 1 + i)).ToArray();
            else if (col.Name == "pos" && col.Kind == PerAtomKind.Real && col.Columns == 3)
                positions = System.Runtime.InteropServices.MemoryMarshal.Cast<double, Vec3>((double[])data[c]).ToArray();
            else
            {
                string name = ColumnToArray.GetValueOrDefault(col.Name, col.Name);
                if (arrays.Any(a => a.Item1 == name)) name = col.Name; // both charge columns present: keep the second as is
                arrays.Add((name, MakeArray(col, data[c])));
            }
        }
        numbers = zNumbers ?? numbers; // ASE: Z overrides species when both are present
        if (numbers is null) throw r.Error(commentLine, "Properties has no species:S:1 (or Z:I:1) column.");
        if (positions is null) throw r.Error(commentLine, "Properties has no pos:R:3 column.");
        var s = new Structure(numbers, positions, cell, pbc);
        foreach (var (name, a) in arrays) s.Arrays[name] = a;
        return s;
    }

    private static PerAtomArray MakeArray(ExtXyzColumn col, Array d) => col.Kind switch
    {
        PerAtomKind.Real => PerAtomArray.Real((double[])d, col.Columns),
        PerAtomKind.Integer => PerAtomArray.Integer((long[])d, col.Columns),
        PerAtomKind.String => PerAtomArray.Text((string[])d, col.Columns),
        _ => PerAtomArray.Logical((bool[])d, col.Columns),
    };

    private static int SymbolToNumber(LineReader r, string sym, int line) =>
        Element.TryFromSymbol(sym, out var e) ? e.Number : throw r.Error(line, $"unknown element '{sym}'.");

    private static int ZToNumber(LineReader r, long z, int line) =>
        z is >= 1 and <= Element.MaxNumber ? (int)z : throw r.Error(line, $"unknown element with atomic number {z}.");

    public static void Write(TextWriter w, Structure s)
    {
        var cols = new List<(ExtXyzColumn Col, PerAtomArray? Data)>
        {
            (new ExtXyzColumn("species", PerAtomKind.String, 1), null),
            (new ExtXyzColumn("pos", PerAtomKind.Real, 3), null),
        };
        foreach (var (name, a) in s.Arrays)
        {
            if (ReservedArrays.Contains(name)) continue;
            if (a.Atoms != s.Count) throw new ArgumentException($"Array '{name}' has {a.Atoms} rows for {s.Count} atoms.");
            string colName = name == "charges" ? "charge" : name;
            if (colName.Contains(':') || colName.Any(char.IsWhiteSpace) || colName.Contains('"'))
                throw new ArgumentException($"Array name '{name}' cannot be an extxyz property name.");
            cols.Add((new ExtXyzColumn(colName, a.Kind, a.Columns), a));
        }
        w.Write(s.Count); w.Write('\n');
        w.Write(CommentLine(s, cols.Select(c => c.Col))); w.Write('\n');
        ExtXyzColumns.WriteAtoms(w, s, cols);
    }

    private static string CommentLine(Structure s, IEnumerable<ExtXyzColumn> cols)
    {
        var items = new List<string>();
        if (s.Cell is { } cell && cell.ToRowMajor().Any(x => x != 0))
            items.Add(ExtXyzKeyValues.Format("Lattice", cell.ToRowMajor()));
        items.Add("Properties=" + ExtXyzProperties.Format(cols));
        foreach (var (k, v) in s.Info)
        {
            if (k is "Lattice" or "Properties" or "pbc") continue;
            if (s.Charge != 0 && Array.IndexOf(ChargeAndMultiplicity.ChargeKeys, k) >= 0) continue;
            if (s.Multiplicity != 1 && Array.IndexOf(ChargeAndMultiplicity.MultiplicityKeys, k) >= 0) continue;
            items.Add(ExtXyzKeyValues.Format(k, v));
        }
        if (s.Charge != 0) items.Add(ExtXyzKeyValues.Format("charge", (long)s.Charge));
        if (s.Multiplicity != 1) items.Add(ExtXyzKeyValues.Format("multiplicity", (long)s.Multiplicity));
        items.Add(ExtXyzKeyValues.Format("pbc", s.Pbc));
        return string.Join(' ', items);
    }
}
