using System.Text;

namespace Tessera.Tests.BadInput;

/// <summary>One way to break the shared H2O_RPBE-D3 n2p2 potential: the folder's files after the damage
/// (null: file removed) and what the error must name (the file, with its line where one applies, and a phrase).</summary>
public sealed record N2p2ModelDamage(string Id, IReadOnlyDictionary<string, string?> Files, string[] MustName)
{
    public override string ToString() => Id;
}

/// <summary>Damages to every n2p2 file a potential is read from (input.nn keywords, scaling.data rows, weights
/// files), shared by the in-process reader tests and the CLI corpus. Built from the shared potential at run
/// time; nothing of it is copied into the repository.</summary>
public static class N2p2ModelDamages
{
    public const string Potential = "H2O_RPBE-D3";
    private static readonly string[] Names = ["input.nn", "scaling.data", "weights.001.data", "weights.008.data"];

    private static readonly Lazy<Dictionary<string, string>> Original = new(() =>
        Names.ToDictionary(n => n, n => File.ReadAllText(SharedData.Path("n2p2", Potential, n))));

    /// <summary>The intact potential's files.</summary>
    public static IReadOnlyDictionary<string, string> Intact => Original.Value;

    public static readonly IReadOnlyList<N2p2ModelDamage> All =
    [
        // scaling.data: rows are matched by element and function index
        Edit("scaling-one-h-row-fewer-one-o-row-more", "scaling.data", l =>
        {
            int h27 = Find(l, r => Row(r, 1, 27));
            l.RemoveAt(h27);
            int o30 = Find(l, r => Row(r, 2, 30));
            l.Insert(o30 + 1, "         2         31   1.0E-03   2.0E-01   1.0E-02   5.0E-03");
            return o30 + 2;
        }, "O symmetry function 31"),
        Edit("scaling-row-missing", "scaling.data", l => { l.RemoveAt(Find(l, r => Row(r, 2, 30))); return 0; }, "no row for O symmetry function 30"),
        Edit("scaling-row-twice", "scaling.data", l => { int i = Find(l, r => Row(r, 1, 5)); l.Insert(i + 1, l[i]); return i + 2; }, "second row for H symmetry function 5"),
        Edit("scaling-unknown-element-index", "scaling.data", l => Replace(l, r => Row(r, 2, 7), "         2          7", "         3          7"), "element index 3"),
        Edit("scaling-nan-statistic", "scaling.data", l => ReplaceField(l, r => Row(r, 1, 3), 3, "nan"), "not a finite number"),
        Edit("scaling-min-above-max", "scaling.data", l => ReplaceField(l, r => Row(r, 2, 2), 2, "9.0"), "above max"),
        Edit("scaling-zero-range", "scaling.data", l => { int i = Find(l, r => Row(r, 1, 6)); var w = l[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries); w[3] = w[2]; l[i] = string.Join(' ', w); return i + 1; }, "divides by their difference"),
        Edit("scaling-index-not-a-number", "scaling.data", l => ReplaceField(l, r => Row(r, 1, 4), 1, "x4"), "'x4' is not an integer"),
        Edit("scaling-short-row-in-the-middle", "scaling.data", l => { int i = Find(l, r => Row(r, 1, 9)); l[i] = "         1          9   1.0E-03"; return i + 1; }, "scaling row needs"),
        Remove("scaling-file-missing", "scaling.data", "scaling.data"),
        // input.nn header comments: the units (# Length unit : Bohr, # Energy unit : Ha)
        Edit("input-length-unit-unknown", "input.nn", l => Replace(l, r => r.StartsWith("# Length unit"), "Bohr", "furlong"), "length unit 'furlong'"),
        Edit("input-energy-unit-unknown", "input.nn", l => Replace(l, r => r.StartsWith("# Energy unit"), "Ha", "kcal/mol"), "energy unit 'kcal/mol'"),
        // input.nn keywords
        Edit("input-cutoff-type-without-value", "input.nn", l => ReplaceKeyword(l, "cutoff_type", "cutoff_type"), "needs a value"),
        Edit("input-cutoff-type-unknown", "input.nn", l => ReplaceKeyword(l, "cutoff_type", "cutoff_type 99"), "cutoff_type 99"),
        Edit("input-cutoff-type-twice", "input.nn", l => { int i = Keyword(l, "cutoff_type"); l.Insert(i + 1, "cutoff_type 6"); return i + 2; }, "appears again"),
        Edit("input-element-twice", "input.nn", l => ReplaceKeyword(l, "elements", "elements H O O"), "listed twice"),
        Edit("input-element-unknown", "input.nn", l => ReplaceKeyword(l, "elements", "elements H Xx"), "unknown element 'Xx'"),
        Edit("input-elements-missing", "input.nn", l => { l.RemoveAt(Keyword(l, "elements")); return 0; }, "'elements' is missing"),
        Edit("input-number-of-elements-wrong", "input.nn", l => ReplaceKeyword(l, "number_of_elements", "number_of_elements 3"), "number_of_elements is 3"),
        Edit("input-atom-energy-twice", "input.nn", l => { int i = Keyword(l, "elements"); l.InsertRange(i + 1, ["atom_energy O -74.9", "atom_energy O -75.0"]); return i + 3; }, "second atom_energy for O"),
        Edit("input-atom-energy-foreign-element", "input.nn", l => { int i = Keyword(l, "elements"); l.Insert(i + 1, "atom_energy C -37.8"); return i + 2; }, "not in the 'elements' list"),
        Edit("input-atom-energy-without-value", "input.nn", l => { int i = Keyword(l, "elements"); l.Insert(i + 1, "atom_energy O"); return i + 2; }, "needs an element and an energy"),
        Edit("input-hidden-layers-without-value", "input.nn", l => ReplaceKeyword(l, "global_hidden_layers_short", "global_hidden_layers_short"), "needs a value"),
        Edit("input-nodes-not-a-number", "input.nn", l => ReplaceKeyword(l, "global_nodes_short", "global_nodes_short 25 x"), "'x' is not an integer"),
        Edit("input-activations-too-few", "input.nn", l => ReplaceKeyword(l, "global_activation_short", "global_activation_short t t"), "2 activations"),
        Edit("input-activation-unknown", "input.nn", l => ReplaceKeyword(l, "global_activation_short", "global_activation_short t q l"), "Unknown activation 'q'"),
        Edit("input-scale-min-nan", "input.nn", l => ReplaceKeyword(l, "scale_min_short", "scale_min_short nan"), "not a finite number"),
        Edit("input-symfunction-type-not-a-number", "input.nn", l => ReplaceField(l, r => r.StartsWith("symfunction_short "), 2, "two"), "type 'two' is not an integer"),
        Edit("input-symfunction-nan-parameter", "input.nn", l => ReplaceField(l, r => r.StartsWith("symfunction_short "), 4, "nan"), "not a finite number"),
        Edit("input-symfunction-foreign-element", "input.nn", l => { int i = Find(l, r => r.StartsWith("symfunction_short ")); l.Insert(i, "symfunction_short C 2 H 0.001 0.0 12.0"); return i + 1; }, "not in the 'elements' list"),
        // weights files
        Edit("weights-too-few", "weights.008.data", l => { l.RemoveRange(l.Count - 3, 3); return l.Count; }, "needs"),
        Edit("weights-too-many", "weights.001.data", l => { l.Add("  1.0E+00 b 1377 3 1"); return l.Count; }, "more weights"),
        Edit("weights-nan", "weights.001.data", l => ReplaceField(l, r => r.Contains(" a ") && !r.StartsWith('#'), 0, "NaN"), "not a finite number"),
        Edit("weights-not-a-number", "weights.008.data", l => ReplaceField(l, r => r.Contains(" b ") && !r.StartsWith('#'), 0, "1.0.0"), "'1.0.0' is not a finite number"),
        Remove("weights-file-missing", "weights.008.data", "weights.008.data"),
        Add("weights-for-a-foreign-element", "weights.009.data", "weights.009.data", "for F"),
        Add("weights-file-name-not-an-element", "weights.abc.data", "weights.abc.data", "'abc'"),
    ];

    private static N2p2ModelDamage Edit(string id, string file, Func<List<string>, int> change, string phrase)
    {
        var lines = Original.Value[file].Split('\n').ToList();
        int line = change(lines);
        var files = new Dictionary<string, string?>(Original.Value.ToDictionary(p => p.Key, p => (string?)p.Value)) { [file] = string.Join('\n', lines) };
        return new N2p2ModelDamage(id, files, [line > 0 ? $"{file}:{line}:" : file, phrase]);
    }

    private static N2p2ModelDamage Remove(string id, string file, params string[] mustName) =>
        new(id, new Dictionary<string, string?>(Original.Value.ToDictionary(p => p.Key, p => (string?)p.Value)) { [file] = null }, mustName);

    private static N2p2ModelDamage Add(string id, string file, params string[] mustName) =>
        new(id, new Dictionary<string, string?>(Original.Value.ToDictionary(p => p.Key, p => (string?)p.Value)) { [file] = Original.Value["weights.001.data"] }, mustName);

    private static int Find(List<string> lines, Func<string, bool> match) =>
        lines.FindIndex(l => match(l)) is >= 0 and int i ? i : throw new InvalidOperationException("damage target not found in the shared potential");

    private static bool Row(string line, int element, int function)
    {
        var w = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return w.Length >= 5 && w[0] == element.ToString() && w[1] == function.ToString();
    }

    private static int Keyword(List<string> lines, string key) => Find(lines, l => l.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries) is [var k, ..] && k == key);

    private static int ReplaceKeyword(List<string> lines, string key, string with) { int i = Keyword(lines, key); lines[i] = with; return i + 1; }

    private static int Replace(List<string> lines, Func<string, bool> match, string from, string to) { int i = Find(lines, match); lines[i] = lines[i].Replace(from, to); return i + 1; }

    /// <summary>Replaces the whitespace-separated field <paramref name="field"/> (0-based) of the first matching line.</summary>
    private static int ReplaceField(List<string> lines, Func<string, bool> match, int field, string with)
    {
        int i = Find(lines, match);
        var w = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        w[field] = with;
        lines[i] = string.Join(' ', w);
        return i + 1;
    }

    /// <summary>Writes a damage's files into <paramref name="folder"/>.</summary>
    public static void WriteTo(N2p2ModelDamage d, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in d.Files)
            if (text is not null) File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(false));
    }
}
