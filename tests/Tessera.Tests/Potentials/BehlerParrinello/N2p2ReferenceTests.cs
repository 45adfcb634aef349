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
    private static string N2p2(string name) => SharedData.Path("n2p2", name);

    [Fact]
    public void WaterBoxMatchesN2p2PredictEnergyForcesAndAtomEnergies()
    {
        var dir = N2p2("H2O_RPBE-D3");
        var model = N2p2Potential.Read(dir);
        var s = StructureFile.Read(Path.Combine(dir, "input.data")).First();
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
        var s = StructureFile.Read(Path.Combine(dir, "input.data"), null, N2p2Potential.ReadUnits(dir).Units).First(); // in the potential's units
        var pot = new BehlerParrinelloPotential(model);
        var r = pot.Compute(s, Needs.All);
        Assert.True(double.IsFinite(r.Energy));
        Assert.All(r.RequireForces(), v => Assert.True(double.IsFinite(v.X) && double.IsFinite(v.Y) && double.IsFinite(v.Z)));
        // Finite differences on an open cut-out (atoms within 4 A of atom 0, at least one of each element
        // where the file has them close by): every network and symmetry-function family is exercised cheaply.
        var centre = s.Positions[0];
        var near = Enumerable.Range(0, s.Count).Where(i => (s.Positions[i] - centre).Length < 4.0).ToArray();
        var cut = s.Subset(near, 0, 1);
        cut.Cell = null; cut.Pbc = [false, false, false];
        var atoms = cut.Numbers.Distinct().Select(z => Array.IndexOf(cut.Numbers, z)).ToArray();
        var check = ForceCheck.Run(pot, cut, 1e-4, atoms);
        Assert.True(check.MaxAbsError < 1e-5 + 1e-4 * check.MaxForce, $"{name}: max error {check.MaxAbsError:E3} eV/A (max force {check.MaxForce:E3})");
    }

    /// <summary>n2p2's nnp-predict reports no extrapolation warning on the shipped structures; Anisole's lie on
    /// its scaling bounds to rounding (123 warnings without n2p2's 1000 * DBL_EPSILON allowance).</summary>
    [Theory]
    [InlineData("H2O_RPBE-D3")]
    [InlineData("Cu2S_PBE")]
    [InlineData("Anisole_SCAN")]
    public void ShippedStructuresGiveNoExtrapolationWarningsAsInN2p2(string name)
    {
        var dir = N2p2(name);
        var s = StructureFile.Read(Path.Combine(dir, "input.data"), null, N2p2Potential.ReadUnits(dir).Units).First();
        var r = new BehlerParrinelloPotential(N2p2Potential.Read(dir)).Evaluate(s, Needs.Energy);
        Assert.Equal(0, r.ExtrapolationWarnings);
    }

    private static List<double[]> ReadColumns(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && l.TrimStart()[0] != '#')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => double.Parse(w, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
}
