using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Tests.Dynamics;

/// <summary>Each atom in an isotropic harmonic well about the origin, E = k/2 sum |r_i|^2, plus an optional
/// rotational force curl * (z x r_i) that no energy generates: a deliberately non-conservative field whose
/// reported energy is the harmonic part only.</summary>
public sealed class HarmonicWell(double k, double curl = 0) : IPotential
{
    public string Name => $"harmonic-well(k={k}, curl={curl})";

    public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
    {
        var f = new Vec3[s.Count];
        double e = 0;
        for (int i = 0; i < s.Count; i++)
        {
            var r = s.Positions[i];
            e += 0.5 * k * r.LengthSquared;
            f[i] = -k * r + curl * new Vec3(-r.Y, r.X, 0);
        }
        return new PotentialResult(e, f);
    }
}

/// <summary>Remembers the last structure it was asked about (to check what a caller passed in).</summary>
public sealed class SpyPotential(IPotential inner) : IPotential
{
    public Structure? Last { get; private set; }
    public int Calls { get; private set; }
    public string Name => "spy(" + inner.Name + ")";

    public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
    {
        Last = s.Clone();
        Calls++;
        return inner.Compute(s, needs);
    }
}

public static class ToyStructures
{
    /// <summary>N atoms of element z scattered in a cube of side box about the origin.</summary>
    public static Structure Cloud(int n, double box, int seed, int z = 8)
    {
        var s = TestStructures.RandomPositions(n, box, seed, z);
        for (int i = 0; i < n; i++) s.Positions[i] -= new Vec3(box / 2, box / 2, box / 2);
        return s;
    }

    /// <summary>A regular tetrahedron with unit edges (the minimum of the unit-rest-length pair spring network).</summary>
    public static Structure Tetrahedron(int z = 8)
    {
        double a = 1 / Math.Sqrt(8);
        return new Structure([z, z, z, z], [new(a, a, a), new(a, -a, -a), new(-a, a, -a), new(-a, -a, a)]);
    }
}
