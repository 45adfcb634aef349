using System.Globalization;
using Tessera.Core;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.IO;

namespace Tessera.Tests.Potentials.BehlerParrinello;

/// <summary>The units of n2p2 folders and input.data files: named, read from input.nn's header comments, given
/// explicitly (model spec ';units=...'), and the Cu2S_PBE potential (Angstrom/eV by its header) evaluated in them.</summary>
public class N2p2UnitsTests
{
    private static string N2p2(string name) => SharedData.Path("n2p2", name);

    [Theory]
    [InlineData("angstrom,ev", 1.0, 1.0)]
    [InlineData("Bohr,Hartree", Units.Bohr, Units.Hartree)]
    [InlineData("BOHR/Ha", Units.Bohr, Units.Hartree)]
    [InlineData("eV, Angstrom", 1.0, 1.0)]
    [InlineData("bohr ev", Units.Bohr, 1.0)]
    public void Names_parse_in_any_case_and_order(string text, double length, double energy)
    {
        var u = N2p2Units.Parse(text);
        Assert.Equal((length, energy), (u.Length, u.Energy));
        Assert.Equal(energy / length, u.Force);
    }

    [Theory]
    [InlineData("furlong,ev", "unknown unit 'furlong'")]
    [InlineData("angstrom", "no energy unit")]
    [InlineData("ev,hartree,bohr", "two energy units")]
    public void Unknown_or_incomplete_names_are_refused_naming_the_option(string text, string phrase)
    {
        var e = Assert.Throws<ArgumentException>(() => N2p2Units.Parse(text, "--n2p2-units"));
        Assert.Contains("--n2p2-units", e.Message);
        Assert.Contains(phrase, e.Message);
    }

    [Fact]
    public void The_example_potentials_units_come_from_their_headers_or_the_default()
    {
        Assert.Equal((N2p2Units.BohrHartree, N2p2Potential.UnitsSource.Header), N2p2Potential.ReadUnits(N2p2("H2O_RPBE-D3")));
        Assert.Equal((N2p2Units.AngstromEv, N2p2Potential.UnitsSource.Header), N2p2Potential.ReadUnits(N2p2("Cu2S_PBE")));
        // Anisole_SCAN's input.nn names no units; its data are Bohr/Hartree (box 26.9 Bohr = 14.2 A for 16 anisoles
        // at liquid density, -60.5 Ha per molecule: SCAN valence energy), so the default is right for it.
        Assert.Equal((N2p2Units.BohrHartree, N2p2Potential.UnitsSource.Default), N2p2Potential.ReadUnits(N2p2("Anisole_SCAN")));
        Assert.Equal((N2p2Units.BohrHartree, N2p2Potential.UnitsSource.Given), N2p2Potential.ReadUnits(N2p2("Cu2S_PBE"), N2p2Units.BohrHartree));
    }

    [Theory]
    [InlineData("#Length unit: angstrom\n#Energy unit:EV\n", "Angstrom/eV")]
    [InlineData("  #   length   units   :   Bohr   (atomic units)\n# ENERGY UNIT : Ha\n", "Bohr/Hartree")]
    [InlineData("# Energy unit     : hartree\n# Length unit     : Angstrom\n", "Angstrom/Hartree")]
    public void Header_lines_are_read_with_any_spacing_and_case(string header, string expected)
    {
        using var t = new TempDir();
        string path = t.Write("input.nn", header + "elements H\n");
        Assert.Equal(expected, N2p2Units.FromHeader(path)!.Value.ToString());
    }

    [Theory]
    [InlineData("# Length unit : furlong\n# Energy unit : eV\n", ":1:", "length unit 'furlong'")]
    [InlineData("# Length unit : Bohr\n# Energy unit : kcal/mol\n", ":2:", "energy unit 'kcal/mol'")]
    [InlineData("# Length unit : Bohr\nelements H\n", ":1:", "not the energy unit")]
    [InlineData("# Length unit : Bohr\n# Energy unit : eV\n# Length unit : Angstrom\n", ":3:", "but Bohr at line 1")]
    public void A_header_unit_that_cannot_be_used_is_an_error_at_its_line(string header, string line, string phrase)
    {
        using var t = new TempDir();
        string path = t.Write("input.nn", header);
        var e = Assert.Throws<FileFormatException>(() => N2p2Units.FromHeader(path));
        Assert.Contains("input.nn" + line, e.Message);
        Assert.Contains(phrase, e.Message);
    }

    /// <summary>The numbers in Cu2S_PBE's files are the same whichever units they are read in, and so are the network's
    /// inputs: read as Bohr, a coordinate x of input.data becomes x*Bohr Angstrom and the model (in Bohr) divides by Bohr
    /// again; read as Angstrom it is x Angstrom and the model (in Angstrom) takes x. The same inputs give the same
    /// network output y, reported as y Hartree (old) or y eV (its header's units): E_new = E_old / Hartree, and the
    /// forces, derivatives of y by x in energy/length, F_new = F_old * Bohr / Hartree.</summary>
    [Fact]
    public void Cu2S_in_its_header_units_is_the_Bohr_Hartree_reading_scaled_by_the_unit_factors()
    {
        string dir = N2p2("Cu2S_PBE"), data = Path.Combine(dir, "input.data");
        var oldFrame = StructureFile.Read(data, null, N2p2Units.BohrHartree).Single();
        var newFrame = StructureFile.Read(data, null, N2p2Units.AngstromEv).Single();
        var old = new BehlerParrinelloPotential(N2p2Potential.Read(dir, N2p2Units.BohrHartree)).Compute(oldFrame, Needs.Forces);
        var now = new BehlerParrinelloPotential(N2p2Potential.Read(dir)).Compute(newFrame, Needs.Forces);

        Assert.True(Math.Abs(now.Energy - old.Energy / Units.Hartree) <= 1e-12 * Math.Abs(now.Energy), $"{now.Energy:R} eV vs {old.Energy / Units.Hartree:R}");
        var fOld = old.RequireForces().Select(f => f * (Units.Bohr / Units.Hartree)).ToArray();
        var fNew = now.RequireForces();
        double largest = fNew.Max(f => Math.Max(Math.Abs(f.X), Math.Max(Math.Abs(f.Y), Math.Abs(f.Z))));
        for (int i = 0; i < fNew.Length; i++)
            Assert.True((fNew[i] - fOld[i]).Length <= 1e-12 * largest, $"atom {i}: {fNew[i]} vs {fOld[i]} eV/A");
        // Physically sized now: PBE Cu2S is about -4 eV per atom (the file's own energy, -573.7 eV for 144 atoms).
        Assert.InRange(now.Energy / newFrame.Count, -4.5, -3.5);
    }

    [Fact]
    public void A_model_spec_takes_the_units_explicitly()
    {
        string dir = N2p2("Cu2S_PBE");
        var frame = StructureFile.Read(Path.Combine(dir, "input.data"), null, N2p2Units.BohrHartree).Single();
        var given = (BpnnEnsemble)ModelLoader.Load(dir + ";units=bohr,hartree");
        Assert.Equal((N2p2Units.BohrHartree, N2p2Potential.UnitsSource.Given), given.Units);
        var direct = new BehlerParrinelloPotential(N2p2Potential.Read(dir, N2p2Units.BohrHartree)).Compute(frame, Needs.Energy);
        Assert.Equal(direct.Energy, given.Compute(frame, Needs.Energy).Energy);
        Assert.Equal((N2p2Units.AngstromEv, N2p2Potential.UnitsSource.Header), ((BpnnEnsemble)ModelLoader.Load(dir)).Units);

        var bad = Assert.Throws<ArgumentException>(() => ModelLoader.Load(dir + ";units=furlong,ev"));
        Assert.Contains("furlong", bad.Message);
        Assert.Contains("--model", bad.Message);
        var key = Assert.Throws<ArgumentException>(() => ModelLoader.Load(dir + ";acc=1"));
        Assert.Contains("unknown option 'acc'", key.Message);
    }

    [Fact]
    public void Ensemble_members_must_agree_on_their_units()
    {
        using var t = new TempDir();
        string source = N2p2("Cu2S_PBE");
        foreach (var member in new[] { "member_0", "member_1" })
        {
            Directory.CreateDirectory(t.File(member));
            foreach (var f in Directory.GetFiles(source).Where(f => !f.EndsWith("input.data")))
                File.Copy(f, Path.Combine(t.File(member), Path.GetFileName(f)));
        }
        Assert.Equal(N2p2Units.AngstromEv, BpnnEnsemble.Load(t.Dir).Units!.Value.Units);
        // member_1 loses its header: Bohr/Hartree by default, which member_0's Angstrom/eV contradicts.
        string nn = Path.Combine(t.File("member_1"), "input.nn");
        File.WriteAllLines(nn, File.ReadAllLines(nn).Where(l => !l.Contains(" unit ")));
        var e = Assert.Throws<FileFormatException>(() => BpnnEnsemble.Load(t.Dir));
        Assert.Contains("member_1", e.Message);
        Assert.Contains("must share their units", e.Message);
        Assert.Equal(N2p2Units.BohrHartree, BpnnEnsemble.Load(t.Dir, N2p2Units.BohrHartree).Units!.Value.Units);
    }

    [Fact]
    public void A_written_model_names_its_units_in_the_header()
    {
        using var t = new TempDir();
        N2p2Potential.Write(N2p2Potential.Read(N2p2("H2O_RPBE-D3")), t.File("h2o"));
        var text = File.ReadAllText(Path.Combine(t.File("h2o"), "input.nn"));
        Assert.Contains("# Length unit     : Bohr\n# Energy unit     : Hartree\n", text);
        Assert.Equal((N2p2Units.BohrHartree, N2p2Potential.UnitsSource.Header), N2p2Potential.ReadUnits(t.File("h2o")));
    }

    /// <summary>Cu2S_PBE's input.data read in Angstrom/eV and written back in them: every number as in the file. Written in
    /// Bohr/Hartree instead: every length / Bohr, energy / Hartree, force / (Hartree/Bohr), exactly (17 digits round-trip).</summary>
    [Fact]
    public void Input_data_round_trips_in_its_units_and_converts_exactly_to_others()
    {
        using var t = new TempDir();
        string src = Path.Combine(N2p2("Cu2S_PBE"), "input.data");
        var frames = StructureFile.ReadAll(src, null, N2p2Units.AngstromEv);
        StructureFile.Write(t.File("same.data"), frames, null, N2p2Units.AngstromEv);
        StructureFile.Write(t.File("bohr.data"), frames, null, N2p2Units.BohrHartree);
        var original = Numbers(src);
        var same = Numbers(t.File("same.data"));
        var bohr = Numbers(t.File("bohr.data"));
        Assert.Equal(original.Select(l => l.Key), same.Select(l => l.Key));
        Assert.Equal(original.Select(l => l.Key), bohr.Select(l => l.Key));
        for (int i = 0; i < original.Count; i++)
        {
            var (key, x) = original[i];
            Assert.Equal(x, same[i].Values);
            double[] expected = key switch
            {
                "lattice" => x.Select(v => v / Units.Bohr).ToArray(),
                "energy" => [x[0] / Units.Hartree],
                "atom" => [.. x[..3].Select(v => v / Units.Bohr), x[3], x[4] / Units.Hartree, .. x[5..].Select(v => v / (Units.Hartree / Units.Bohr))],
                _ => x,
            };
            Assert.Equal(expected, bohr[i].Values);
        }
        // And read back in Bohr/Hartree, the Bohr file is the same structure (to rounding of the two conversions).
        var back = StructureFile.ReadAll(t.File("bohr.data"), null, N2p2Units.BohrHartree).Single();
        for (int i = 0; i < back.Count; i++) Assert.True((back.Positions[i] - frames[0].Positions[i]).Length < 1e-12);
        Assert.Equal(frames[0].Energy!.Value, back.Energy!.Value, 1e-10);
    }

    /// <summary>The numbers of each keyword line of an input.data (the element symbol of an atom line skipped).</summary>
    private static List<(string Key, double[] Values)> Numbers(string path) =>
        File.ReadLines(path).Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length > 0 && w[0] is "lattice" or "atom" or "energy" or "charge")
            .Select(w => (w[0], w.Skip(1).Where(x => !char.IsLetter(x[0])).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()))
            .ToList();
}
