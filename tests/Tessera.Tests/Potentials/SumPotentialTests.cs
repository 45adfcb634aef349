using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Tests.Potentials;

public class SumPotentialTests
{
    [Fact]
    public void Sum_adds_energies_and_forces_and_passes_force_check()
    {
        var s = TestStructures.WaterDimer();
        var a = new HarmonicTestPotential(1.0);
        var b = new HarmonicTestPotential(2.5);
        var sum = new SumPotential([a, b]);
        var rs = sum.Compute(s, Needs.Forces);
        var ra = a.Compute(s, Needs.Forces);
        var rb = b.Compute(s, Needs.Forces);
        Assert.Equal(ra.Energy + rb.Energy, rs.Energy, 12);
        for (int i = 0; i < s.Count; i++)
            Assert.True((rs.Forces![i] - ra.Forces![i] - rb.Forces![i]).Length < 1e-12);
        Assert.True(ForceCheck.Run(sum, s).MaxAbsError < 1e-6);
    }

    [Fact]
    public void Force_check_catches_wrong_forces()
    {
        var s = TestStructures.WaterDimer();
        var wrong = new HarmonicTestPotential(1.0, forceScale: 1.1);
        Assert.True(ForceCheck.Run(wrong, s).MaxAbsError > 1e-3);
    }
}
