using Tessera.Core;
using Tessera.Data;

namespace Tessera.Tests.Data;

/// <summary>Small fragment pools of water: each frame a jittered water dimer, giving two monomers
/// (type "r0:H2O") and the dimer (type "r1:H2O,H2O"), ids 3f, 3f+1, 3f+2.</summary>
public static class TestPools
{
    public const string Monomer = "r0:H2O", Dimer = "r1:H2O,H2O";

    public static List<PoolFragment> Water(int frames, int seed = 1, double jitter = 0.05)
    {
        var rng = new Random(seed);
        var pool = new List<PoolFragment>();
        for (int f = 0; f < frames; f++)
        {
            var frame = TestStructures.WaterDimer();
            var shift = new Vec3(0.3 * (rng.NextDouble() - 0.5), 0.3 * (rng.NextDouble() - 0.5), 0.3 * (rng.NextDouble() - 0.5));
            for (int i = 0; i < frame.Count; i++)
            {
                var p = frame.Positions[i] + jitter * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
                frame.Positions[i] = i >= 3 ? p + shift : p;
            }
            pool.Add(Make(3L * f, Monomer, 0, f, frame, [0, 1, 2], [0, 0, 0]));
            pool.Add(Make(3L * f + 1, Monomer, 0, f, frame, [3, 4, 5], [0, 0, 0]));
            pool.Add(Make(3L * f + 2, Dimer, 1, f, frame, [0, 1, 2, 3, 4, 5], [0, 0, 0, 1, 1, 1]));
        }
        return pool;
    }

    private static PoolFragment Make(long id, string type, int rank, long frame, Structure s, int[] map, int[] units) =>
        new(id, type, rank, frame, map, units, s.Subset(map, 0, 1));
}
