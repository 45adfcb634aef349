using Tessera.Core;
using Tessera.IO;

namespace Tessera.Tests.IO;

public class N2p2DataTests
{
    [Fact]
    public void ReadsWaterBoxInAngstrom()
    {
        var s = StructureFile.ReadAll(SharedData.Path("n2p2", "H2O_RPBE-D3", "input.data")).Single();
        Assert.Equal(1080, s.Count);
        Assert.Equal(360, s.Numbers.Count(z => z == 8));
        Assert.Equal([true, true, true], s.Pbc);
        Assert.Equal(4.2888632301285426E+01 * Units.Bohr, s.Cell!.Value[0, 0]);
        Assert.Equal(3.3161137848673654E+01 * Units.Bohr, s.Positions[0].X);
        Assert.Equal("Generated from -, TIMESTEP: 20000000", s.Info["comment"]);
        Assert.Equal(3, s.Arrays["forces"].Columns);
    }

    [Theory]
    [InlineData("H2O_RPBE-D3")]
    [InlineData("Cu2S_PBE")]
    [InlineData("Anisole_SCAN")]
    public void WriteThenReadMatchesTo1e12(string dir)
    {
        // Each file in its potential's units (Cu2S_PBE: Angstrom/eV by its input.nn header; the others Bohr/Hartree).
        var units = Tessera.Potentials.BehlerParrinello.N2p2Potential.ReadUnits(SharedData.Path("n2p2", dir)).Units;
        var a = StructureFile.ReadAll(SharedData.Path("n2p2", dir, "input.data"), null, units);
        using var t = new TempDir();
        StructureFile.Write(t.File("input.data"), a, null, units);
        var b = StructureFile.ReadAll(t.File("input.data"), null, units);
        Assert.Equal(a.Count, b.Count);
        for (int f = 0; f < a.Count; f++)
        {
            Assert.Equal(a[f].Numbers, b[f].Numbers);
            Assert.Equal(a[f].Pbc, b[f].Pbc);
            Assert.Equal(a[f].Charge, b[f].Charge);
            Close(a[f].Cell?.ToRowMajor() ?? [], b[f].Cell?.ToRowMajor() ?? []);
            Close(Vec3.AsDoubles(a[f].Positions).ToArray(), Vec3.AsDoubles(b[f].Positions).ToArray());
            foreach (var key in new[] { "forces", "charges", "atomic_energies" })
                Close(a[f].Arrays[key].Reals, b[f].Arrays[key].Reals);
            Assert.Equal(a[f].Energy.HasValue, b[f].Energy.HasValue);
            if (a[f].Energy is double e) Close([e], [b[f].Energy!.Value]);
        }
    }

    private static void Close(double[] x, double[] y)
    {
        Assert.Equal(x.Length, y.Length);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(x[i] - y[i]) <= 1e-12 * Math.Max(1, Math.Abs(x[i])), $"{x[i]} != {y[i]} at {i}");
    }

    [Fact]
    public void ConvertsUnitsAndChargesBothWays()
    {
        const string text = "begin\ncomment mol\n" +
            "atom 0.0 0.0 1.0 O -0.8 -75.0 0.0 0.0 0.5\natom 1.0 0.0 0.0 H 0.4 -0.5 0.1 0.0 0.0\n" +
            "energy -76.25\ncharge 0.4\nend\n";
        var s = N2p2Data.Read(new StringReader(text), "mem").Single();
        Assert.False(s.IsPeriodic);
        Assert.Null(s.Cell);
        Assert.Equal(Units.Bohr, s.Positions[0].Z);
        Assert.Equal(-76.25 * Units.Hartree, s.Energy);
        Assert.Equal(0.5 * Units.HartreePerBohr, s.Forces![0].Z);
        Assert.Equal(-75.0 * Units.Hartree, s.Arrays["atomic_energies"].Reals[0]);
        Assert.Equal([-0.8, 0.4], s.Arrays["charges"].Reals);
        Assert.Equal(0, s.Charge);
        Assert.Equal(0.4, s.Info["n2p2_charge"]);
        var w = new StringWriter();
        N2p2Data.Write(w, s);
        Assert.Contains("charge 4.0000000000000002E-01\n", w.ToString());
        Assert.Contains("energy -7.6250000000000000E+01\n", w.ToString());
    }

    [Fact]
    public void ChargeFromOtherFormatsIsWritten()
    {
        var s = TestStructures.WaterMonomer(); s.Charge = -1;
        var w = new StringWriter();
        N2p2Data.Write(w, s);
        Assert.Equal(-1, N2p2Data.Read(new StringReader(w.ToString()), "mem").Single().Charge);
        Assert.DoesNotContain("energy", w.ToString()); // no energy known: no invented one
    }
}
