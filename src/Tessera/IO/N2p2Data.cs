using System.Globalization;
using Tessera.Core;

namespace Tessera.IO;

/// <summary>n2p2's input.data: frames between <c>begin</c> and <c>end</c> with <c>comment</c>, three
/// <c>lattice</c> lines (length; periodic iff present), <c>atom x y z element charge energy fx fy fz</c>
/// (length, e, energy, energy/length), <c>energy E</c> and <c>charge Q</c>. The file has no units of its own:
/// they are those of its source, given as <see cref="N2p2Units"/> (Bohr/Hartree, the RuNNer/n2p2 convention, when not).
/// Read into Angstrom/eV: Arrays["charges"], Arrays["atomic_energies"], Arrays["forces"], Info["energy"],
/// Info["comment"]; the total charge rounds to Structure.Charge, its exact value kept in
/// Info["n2p2_charge"] when not integral. Multiplicity is not stored by n2p2 (read as 1).</summary>
public static class N2p2Data
{
    public const string ChargesKey = "charges";
    public const string AtomicEnergiesKey = "atomic_energies";
    public const string ForcesKey = "forces";
    public const string ExactChargeKey = "n2p2_charge";

    /// <summary>Lazily reads every frame; <paramref name="file"/> names the source in errors.</summary>
    public static IEnumerable<Structure> Read(TextReader reader, string file, N2p2Units? units = null)
    {
        var u = units ?? N2p2Units.BohrHartree;
        var r = new LineReader(reader, file);
        string? line;
        while ((line = r.Next()) is not null)
        {
            var f = TextNumbers.Fields(line);
            if (f.Length == 0) continue;
            if (f[0] == "begin") yield return ReadFrame(r, r.Line, u);
            else if (f[0] == "end") throw r.Error("'end' without a matching 'begin'.");
            else throw r.Error($"expected 'begin', found '{f[0]}'.");
        }
    }

    private sealed class Frame
    {
        public string? Comment;
        public readonly List<Vec3> Lattice = [], Positions = [], Forces = [];
        public readonly List<int> Numbers = [], AtomLines = [];
        public int BeginLine, LatticeLine;
        public readonly List<double> Charges = [], Energies = [];
        public double? Energy;
        public double Charge;
    }

    private static Structure ReadFrame(LineReader r, int beginLine, N2p2Units u)
    {
        var fr = new Frame { BeginLine = beginLine };
        string? line;
        while ((line = r.Next()) is not null)
        {
            var f = TextNumbers.Fields(line);
            if (f.Length == 0) continue;
            switch (f[0])
            {
                case "end": return Build(r, fr);
                case "begin": throw r.Error($"'begin' inside the frame begun at line {beginLine} (missing 'end').");
                case "comment": fr.Comment = line.TrimStart()["comment".Length..].Trim(); break;
                case "lattice":
                    if (f.Length != 4) throw r.Error($"lattice line needs 3 numbers, found {f.Length - 1}.");
                    if (fr.Lattice.Count == 3) throw r.Error("more than 3 lattice lines.");
                    if (fr.Lattice.Count == 0) fr.LatticeLine = r.Line;
                    fr.Lattice.Add(Vector(r, f, 1, "lattice") * u.Length);
                    break;
                case "atom": ReadAtom(r, f, fr, u); break;
                case "energy": fr.Energy = Scalar(r, f, "energy") * u.Energy; break;
                case "charge": fr.Charge = Scalar(r, f, "charge"); break;
                default: throw r.Error($"unknown keyword '{f[0]}' (expected comment, lattice, atom, energy, charge or end).");
            }
        }
        throw r.Error(r.Line + 1, $"file ends inside the frame begun at line {beginLine} (missing 'end').");
    }

    private static void ReadAtom(LineReader r, string[] f, Frame fr, N2p2Units u)
    {
        if (f.Length != 10)
            throw r.Error($"atom line needs 9 fields (x y z element charge energy fx fy fz), found {f.Length - 1}.");
        fr.AtomLines.Add(r.Line);
        fr.Positions.Add(Vector(r, f, 1, "atom coordinate") * u.Length);
        fr.Numbers.Add(Element.TryFromSymbol(f[4], out var e) ? e.Number : throw r.Error($"unknown element '{f[4]}'."));
        fr.Charges.Add(TextNumbers.ParseFinite(r, f[5], "atom charge"));
        fr.Energies.Add(TextNumbers.ParseFinite(r, f[6], "atom energy") * u.Energy);
        fr.Forces.Add(Vector(r, f, 7, "atom force") * u.Force);
    }

    private static Vec3 Vector(LineReader r, string[] f, int start, string what) =>
        new(TextNumbers.ParseFinite(r, f[start], what), TextNumbers.ParseFinite(r, f[start + 1], what),
            TextNumbers.ParseFinite(r, f[start + 2], what));

    private static double Scalar(LineReader r, string[] f, string what) =>
        f.Length == 2 ? TextNumbers.ParseFinite(r, f[1], what) : throw r.Error($"{what} line needs 1 number, found {f.Length - 1}.");

    private static Structure Build(LineReader r, Frame fr)
    {
        if (fr.Lattice.Count is not (0 or 3)) throw r.Error($"frame has {fr.Lattice.Count} lattice lines; n2p2 needs 0 or 3.");
        bool periodic = fr.Lattice.Count == 3;
        int q = (int)Math.Round(fr.Charge);
        var s = new Structure(fr.Numbers.ToArray(), fr.Positions.ToArray(),
                              periodic ? new Mat3(fr.Lattice[0], fr.Lattice[1], fr.Lattice[2]) : null,
                              [periodic, periodic, periodic], q);
        if (fr.Comment is not null) s.Info[Xyz.CommentKey] = fr.Comment;
        if (fr.Energy is double en) s.Info["energy"] = en;
        if (fr.Charge != q) s.Info[ExactChargeKey] = fr.Charge;
        s.Arrays[ChargesKey] = PerAtomArray.Real(fr.Charges.ToArray());
        s.Arrays[AtomicEnergiesKey] = PerAtomArray.Real(fr.Energies.ToArray());
        s.Arrays[ForcesKey] = PerAtomArray.Vectors(fr.Forces.ToArray());
        FrameChecks.Check(s, r, periodic ? fr.LatticeLine : fr.BeginLine, i => fr.AtomLines[i]);
        return s;
    }

    /// <summary>Writes one frame. Missing per-atom charges/energies/forces are written as 0, as n2p2 does;
    /// the energy line is written only when the structure has an energy. Numbers are in <paramref name="units"/> (Bohr/Hartree when null).</summary>
    public static void Write(TextWriter w, Structure s, N2p2Units? units = null)
    {
        var u = units ?? N2p2Units.BohrHartree;
        if (s.IsPeriodic && !s.Pbc.All(p => p))
            throw new ArgumentException($"n2p2 holds only fully periodic or open structures; pbc is [{string.Join(", ", s.Pbc)}].");
        w.Write("begin\n");
        if (s.Info.TryGetValue(Xyz.CommentKey, out var c) && c is string cs)
            w.Write($"comment {cs.ReplaceLineEndings(" ")}\n");
        if (s.IsPeriodic)
            for (int i = 0; i < 3; i++) w.Write($"lattice {Vector(s.Cell!.Value[i] / u.Length)}\n");
        var q = Column(s, ChargesKey, 1);
        var e = Column(s, AtomicEnergiesKey, 1);
        var forces = s.Forces;
        for (int i = 0; i < s.Count; i++)
        {
            var fi = forces is null ? Vec3.Zero : forces[i] / u.Force;
            w.Write($"atom {Vector(s.Positions[i] / u.Length)} {Element.FromNumber(s.Numbers[i]).Symbol} " +
                    $"{Num(q?[i] ?? 0)} {Num((e?[i] ?? 0) / u.Energy)} {Vector(fi)}\n");
        }
        if (s.Energy is double en) w.Write($"energy {Num(en / u.Energy)}\n");
        double charge = s.Info.TryGetValue(ExactChargeKey, out var x) && x is double xq && Math.Round(xq) == s.Charge ? xq : s.Charge;
        w.Write($"charge {Num(charge)}\n");
        w.Write("end\n");
    }

    private static double[]? Column(Structure s, string key, int columns) =>
        s.Arrays.TryGetValue(key, out var a) && a.Kind == PerAtomKind.Real && a.Columns == columns ? a.Reals : null;

    // 17 significant digits: exact round trip of every double, in n2p2's own layout.
    private static string Num(double x)
    {
        string s = x.ToString("E16", CultureInfo.InvariantCulture); // "d.ddddE+ddd"
        int e = s.IndexOf('E');
        if (e < 0) return s; // NaN or infinity
        int exp = int.Parse(s.AsSpan(e + 1), CultureInfo.InvariantCulture);
        return $"{s.AsSpan(0, e)}E{(exp < 0 ? '-' : '+')}{Math.Abs(exp):00}";
    }

    private static string Vector(Vec3 v) => $"{Num(v.X)} {Num(v.Y)} {Num(v.Z)}";
}
