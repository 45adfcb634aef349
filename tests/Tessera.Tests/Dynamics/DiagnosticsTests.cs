using Tessera.Dynamics;
using Tessera.Potentials;

namespace Tessera.Tests.Dynamics;

public class DiagnosticsTests
{
    [Fact]
    public void DriftFitRecoversAKnownSlopeAndFluctuation()
    {
        // E(t) = 0.002 eV/fs * t + 0.001 eV * (+1, -1, ...): slope 2 eV/ps over 2 atoms, RMS 0.5 meV/atom about the line.
        var t = Enumerable.Range(0, 1000).Select(i => 0.5 * i).ToList();
        var e = t.Select((x, i) => 0.002 * x + (i % 2 == 0 ? 0.001 : -0.001)).ToList();
        var r = EnergyDrift.Analyse(t, e, atoms: 2);
        Assert.Equal(1000.0, r.SlopeMeVPerAtomPerPs, 0.5); // 2 eV/ps = 2000 meV/ps over 2 atoms
        Assert.Equal(0.5, r.RmsAboutFitMeVPerAtom, 3);
        Assert.Equal(0.4995, r.DurationPs, 9);
    }

    private static Tessera.Core.Structure Cloud() => ToyStructures.Cloud(8, 2.0, seed: 7);

    [Fact]
    public void NveDriftIsSmallForAConservativeFieldAndCaughtForACurlField()
    {
        var conservative = new SumPotential([new HarmonicTestPotential(2.0), new HarmonicWell(1.0)]);
        var curl = new SumPotential([new HarmonicTestPotential(2.0), new HarmonicWell(1.0, curl: 0.1)]);
        var good = ConservationCheck.Nve(conservative, Cloud(), 0.5, 4000, 300, new Random(1));
        var bad = ConservationCheck.Nve(curl, Cloud(), 0.5, 4000, 300, new Random(1));
        Assert.True(Math.Abs(good.SlopeMeVPerAtomPerPs) < 0.5, $"conservative drift {good.SlopeMeVPerAtomPerPs} meV/atom/ps");
        Assert.True(Math.Abs(bad.SlopeMeVPerAtomPerPs) > 20, $"curl drift {bad.SlopeMeVPerAtomPerPs} meV/atom/ps");
        Assert.Equal(2.0, good.DurationPs, 9);
    }

    [Fact]
    public void JacobianAsymmetryIsZeroForAGradientAndNotForACurl()
    {
        var conservative = new SumPotential([new HarmonicTestPotential(2.0), new HarmonicWell(1.0)]);
        var curl = new SumPotential([new HarmonicTestPotential(2.0), new HarmonicWell(1.0, curl: 0.3)]);
        var good = JacobianAsymmetry.Compute(conservative, Cloud(), 1e-3);
        var bad = JacobianAsymmetry.Compute(curl, Cloud(), 1e-3);
        Assert.True(good.Lambda < 1e-5, $"lambda {good.Lambda}");
        Assert.True(bad.Lambda > 1e-2, $"lambda {bad.Lambda}");
        // Antisymmetric part of the curl Jacobian: 0.3 in each atom's xy block, twice per atom.
        Assert.Equal(0.3 * Math.Sqrt(2 * 8), bad.AntisymmetricNorm, 1e-5);
    }
}
