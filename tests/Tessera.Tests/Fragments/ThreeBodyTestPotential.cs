using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

/// <summary>E = c sum_{i&lt;j&lt;k} exp(-(r_ij + r_ik + r_jk) / L) over atoms: a smooth, genuinely
/// three-body toy energy, so no truncated fragment expansion is exact by accident.</summary>
public sealed class ThreeBodyTestPotential(double c = 0.5, double length = 3.0) : IPotential
{
    public string Name => "three-body-test";

    public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
    {
        int n = s.Count;
        var f = new Vec3[n];
        double e = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                for (int k = j + 1; k < n; k++)
                {
                    var p = s.Positions;
                    double rij = (p[j] - p[i]).Length, rik = (p[k] - p[i]).Length, rjk = (p[k] - p[j]).Length;
                    double et = c * Math.Exp(-(rij + rik + rjk) / length);
                    e += et;
                    double g = -et / length; // dE/dr for each of the three distances
                    Pair(p, f, i, j, rij, g); Pair(p, f, i, k, rik, g); Pair(p, f, j, k, rjk, g);
                }
        return new PotentialResult(e, f);
    }

    private static void Pair(Vec3[] p, Vec3[] f, int a, int b, double r, double g)
    {
        var dEdrb = (g / r) * (p[b] - p[a]);
        f[b] -= dEdrb;
        f[a] += dEdrb;
    }
}
