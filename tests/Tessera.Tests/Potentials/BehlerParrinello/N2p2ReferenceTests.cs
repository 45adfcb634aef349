using System.Globalization;
using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Tests.Potentials.BehlerParrinello;

/// <summary>Tessera against n2p2's own nnp-predict output on the RPBE-D3 water box (BENCHMARK.md, BP1),
/// and the other shipped n2p2 potentials for loading and force consistency.</summary>
public class N2p2ReferenceTests
{
    private static string N2p2(string name) => Path.Combine(SharedRoot(), "n2p2", name);

    [Fact]
    public void WaterBoxMatchesN2p2PredictEnergyForcesAndAtomEnergies()
    {
        var dir = N2p2("H2O_RPBE-D3");
        var model = N2p2Potential.Read(dir);
        var s = ReadFirstN2p2Structure(Path.Combine(dir, "input.data"));
        var pot = new BehlerParrinelloPotential(model);
        var r = pot.Evaluate(s, Needs.All);
        double refEnergy = ReadColumns(Path.Combine(dir, "reference", "energy.out"))[0][3];
        double energyHa = r.Result.Energy / Units.Hartree;
        Assert.True(Math.Abs(energyHa - refEnergy) <= 1e-9 * Math.Abs(refEnergy), $"E = {energyHa:R} Ha, n2p2 {refEnergy:R}");

        var refForces = ReadColumns(Path.Combine(dir, "reference", "nnforces.out"));
        Assert.Equal(s.Count, refForces.Count);
        var f = r.Result.RequireForces();
        double worst = 0;
        for (int i = 0; i < s.Count; i++)
            for (int c = 0; c < 3; c++)
                worst = Math.Max(worst, Math.Abs(f[i][c] / Units.HartreePerBohr - refForces[i][5 + c]));
        Assert.True(worst <= 1e-7, $"largest force difference {worst:E3} Ha/Bohr");

        var refAtoms = ReadColumns(Path.Combine(dir, "reference", "nnatoms.out"));
        double mean = model.Normalisation.MeanEnergy;
        for (int i = 0; i < s.Count; i++)
            Assert.Equal(refAtoms[i][6], r.Result.AtomEnergies![i] / Units.Hartree - mean, 1e-9);
    }

    [Theory]
    [InlineData("Cu2S_PBE")]
    [InlineData("Anisole_SCAN")]
    public void OtherPotentialsGiveFiniteFiniteDifferenceConsistentForces(string name)
    {
        var dir = N2p2(name);
        var model = N2p2Potential.Read(dir);
        var s = ReadFirstN2p2Structure(Path.Combine(dir, "input.data"));
        var pot = new BehlerParrinelloPotential(model);
        var r = pot.Compute(s, Needs.All);
        Assert.True(double.IsFinite(r.Energy));
        Assert.All(r.RequireForces(), v => Assert.True(double.IsFinite(v.X) && double.IsFinite(v.Y) && double.IsFinite(v.Z)));
        var atoms = Enumerable.Range(0, Math.Min(s.Count, 6)).Select(i => i * (s.Count / Math.Min(s.Count, 6))).ToArray();
        var check = ForceCheck.Run(pot, s, 1e-4, atoms);
        Assert.True(check.MaxAbsError < 1e-5 + 1e-4 * check.MaxForce, $"{name}: max error {check.MaxAbsError:E3} eV/A (max force {check.MaxForce:E3})");
    }

    internal static string SharedRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tessera.slnx"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("Tessera.slnx not found above the test binaries.");
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
    }

    private static List<double[]> ReadColumns(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l.TrimStart()[0] != '#')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => double.Parse(w, CultureInfo.InvariantCulture)).ToArray())
            .ToList();

    /// <summary>Minimal reader of the first frame of an n2p2 input.data (Bohr) until the IO reader lands.</summary>
    internal static Structure ReadFirstN2p2Structure(string path)
    {
        var lattice = new List<Vec3>();
        var z = new List<int>();
        var r = new List<Vec3>();
        foreach (var line in File.ReadLines(path))
        {
            var w = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (w.Length == 0) continue;
            double D(int k) => double.Parse(w[k], CultureInfo.InvariantCulture) * Units.Bohr;
            if (w[0] == "lattice") lattice.Add(new Vec3(D(1), D(2), D(3)));
            else if (w[0] == "atom") { r.Add(new Vec3(D(1), D(2), D(3))); z.Add(Element.FromSymbol(w[4]).Number); }
            else if (w[0] == "end") break;
        }
        return lattice.Count == 3
            ? new Structure([.. z], [.. r], new Mat3(lattice[0], lattice[1], lattice[2]), [true, true, true])
            : new Structure([.. z], [.. r]);
    }
}
