using Tessera.Core;

namespace Tessera.Tests.Fragments;

/// <summary>Water clusters for fragment tests: rigid waters at chosen oxygen sites with random
/// orientations, optionally with an extra proton on one of them (H3O+).</summary>
public static class WaterClusters
{
    private static readonly Vec3[] WaterOffsets = [new(0, 0.7572, -0.5865), new(0, -0.7572, -0.5865)];

    /// <summary>Waters at the given oxygen positions (O, H, H each); when protonated, the water at
    /// index <paramref name="hydronium"/> gets a third H along its bisector and the charge is +1.</summary>
    public static Structure Build(IReadOnlyList<Vec3> oxygens, int seed, bool protonated = false, int hydronium = 0)
    {
        var rng = new Random(seed);
        var z = new List<int>();
        var r = new List<Vec3>();
        for (int w = 0; w < oxygens.Count; w++)
        {
            var rot = RandomRotation(rng);
            z.Add(8); r.Add(oxygens[w]);
            foreach (var h in WaterOffsets) { z.Add(1); r.Add(oxygens[w] + Rotate(rot, h)); }
            if (protonated && w == hydronium) { z.Add(1); r.Add(oxygens[w] + Rotate(rot, new Vec3(0, 0, 0.98))); }
        }
        return new Structure(z.ToArray(), r.ToArray(), charge: protonated ? 1 : 0);
    }

    /// <summary>n oxygens on a jittered cubic grid with the given spacing (Angstrom).</summary>
    public static Vec3[] Grid(int n, double spacing, int seed)
    {
        var rng = new Random(seed);
        int side = (int)Math.Ceiling(Math.Cbrt(n));
        var o = new Vec3[n];
        for (int i = 0; i < n; i++)
            o[i] = spacing * new Vec3(i % side, i / side % side, i / (side * side))
                   + 0.3 * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
        return o;
    }

    private static (double W, double X, double Y, double Z) RandomRotation(Random rng)
    {
        double a = rng.NextDouble(), b = 2 * Math.PI * rng.NextDouble(), c = 2 * Math.PI * rng.NextDouble();
        return (Math.Sqrt(1 - a) * Math.Sin(b), Math.Sqrt(1 - a) * Math.Cos(b), Math.Sqrt(a) * Math.Sin(c), Math.Sqrt(a) * Math.Cos(c));
    }

    private static Vec3 Rotate((double W, double X, double Y, double Z) q, Vec3 v)
    {
        var u = new Vec3(q.X, q.Y, q.Z);
        var t = 2 * Vec3.Cross(u, v);
        return v + q.W * t + Vec3.Cross(u, t);
    }
}
