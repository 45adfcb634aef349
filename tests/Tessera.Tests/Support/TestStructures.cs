using Tessera.Core;

namespace Tessera.Tests;

/// <summary>Small structures shared by tests (Angstrom).</summary>
public static class TestStructures
{
    public static Structure WaterMonomer() => new([8, 1, 1],
    [
        new(0.0000, 0.0000, 0.1173),
        new(0.0000, 0.7572, -0.4692),
        new(0.0000, -0.7572, -0.4692),
    ]);

    /// <summary>A hydrogen-bonded water dimer near its equilibrium geometry.</summary>
    public static Structure WaterDimer() => new([8, 1, 1, 8, 1, 1],
    [
        new(-1.551007, -0.114520, 0.000000),
        new(-1.934259, 0.762503, 0.000000),
        new(-0.599677, 0.040712, 0.000000),
        new(1.350625, 0.111469, 0.000000),
        new(1.680398, -0.373741, -0.758561),
        new(1.680398, -0.373741, 0.758561),
    ]);

    public static Structure RandomPositions(int n, double box, int seed, int z = 1)
    {
        var rng = new Random(seed);
        var r = new Vec3[n];
        for (int i = 0; i < n; i++) r[i] = new Vec3(rng.NextDouble() * box, rng.NextDouble() * box, rng.NextDouble() * box);
        return new Structure(Enumerable.Repeat(z, n).ToArray(), r);
    }
}
