using Tessera.Core;
using Tessera.Dynamics;

namespace Tessera.Tests.Dynamics;

public class NormalModeTests
{
    private static double Wavenumber(double omegaSquared) => Math.Sqrt(omegaSquared) * Units.AseAngularFrequencyToWavenumber;

    [Fact]
    public void DiatomicHasOneFrequencyFromTheReducedMass()
    {
        const double k = 30.0; // eV/A^2
        var s = new Structure([1, 8], [new(0.1, 0.2, 0.3), new(0.1 + 0.6, 0.2 + 0.48, 0.3)]); // bond length 1 at rest
        var result = NormalModes.Compute(new HarmonicTestPotential(k), s, 1e-3);
        Assert.Equal(5, result.ProjectedOut); // linear: 3 translations, 2 rotations
        Assert.Single(result.FrequenciesCm);
        double mu = Element.FromNumber(1).Mass * Element.FromNumber(8).Mass / (Element.FromNumber(1).Mass + Element.FromNumber(8).Mass);
        Assert.Equal(Wavenumber(k / mu), result.FrequenciesCm[0], 1e-2);
    }

    [Fact]
    public void SpringTetrahedronHasItsAnalyticSpectrumInAnyOrientation()
    {
        // Six unit springs k on a regular tetrahedron of equal masses m: omega^2 = 4k/m (A1), k/m (E, 2), 2k/m (T2, 3).
        const double k = 10.0;
        var s = ToyStructures.Tetrahedron();
        double m = Element.FromNumber(8).Mass;
        double[] expected = [Wavenumber(k / m), Wavenumber(k / m), Wavenumber(2 * k / m), Wavenumber(2 * k / m), Wavenumber(2 * k / m), Wavenumber(4 * k / m)];
        var rotated = s.Clone();
        double c = Math.Cos(0.7), sn = Math.Sin(0.7);
        for (int i = 0; i < 4; i++)
        {
            var r = s.Positions[i];
            rotated.Positions[i] = new Vec3(c * r.X - sn * r.Y + 3, sn * r.X + c * r.Y - 1, r.Z + 2);
        }
        foreach (var geometry in new[] { s, rotated })
        {
            var result = NormalModes.Compute(new HarmonicTestPotential(k), geometry, 1e-3);
            Assert.Equal(6, result.ProjectedOut);
            Assert.Equal(expected.Length, result.FrequenciesCm.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.FrequenciesCm[i], 1e-2);
        }
    }

    [Fact]
    public void ASaddleGivesANegativeFrequency()
    {
        // Springs compressed to 0.2 of their rest length: the transverse stiffness k (r - 1) / r is negative.
        var s = ToyStructures.Tetrahedron();
        for (int i = 0; i < 4; i++) s.Positions[i] = 0.2 * s.Positions[i];
        var result = NormalModes.Compute(new HarmonicTestPotential(10.0), s, 1e-4);
        Assert.True(result.FrequenciesCm[0] < 0, $"lowest {result.FrequenciesCm[0]}");
    }
}
