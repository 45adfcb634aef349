using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Tests;

/// <summary>E = k/2 sum over pairs (|r_ij| - 1)^2: a smooth, invariant toy potential for testing the
/// test helpers themselves. forceScale != 1 makes the forces deliberately wrong.</summary>
public sealed class HarmonicTestPotential(double k, double forceScale = 1.0) : IPotential
{
    public string Name => $"harmonic-test(k={k})";

    public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
    {
        var f = new Vec3[s.Count];
        double e = 0;
        for (int i = 0; i < s.Count; i++)
            for (int j = i + 1; j < s.Count; j++)
            {
                var d = s.Positions[j] - s.Positions[i];
                double r = d.Length, x = r - 1.0;
                e += 0.5 * k * x * x;
                var g = (k * x / r) * d; // dE/dr_j
                f[j] -= forceScale * g;
                f[i] += forceScale * g;
            }
        return new PotentialResult(e, f);
    }
}
