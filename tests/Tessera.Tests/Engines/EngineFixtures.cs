using System.Runtime.CompilerServices;
using Tessera.Core;

namespace Tessera.Tests.Engines;

/// <summary>Stored engine outputs (next to this file) and small molecules for engine tests.</summary>
public static class EngineFixtures
{
    public static string Read(string name, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", name));

    /// <summary>OH radical (doublet).</summary>
    public static Structure HydroxylRadical() => new([8, 1], [new(0, 0, 0), new(0.1, 0.05, 0.97)], multiplicity: 2);

    /// <summary>Hydronium H3O+ (slightly pyramidal, off-symmetric so no force vanishes by symmetry).</summary>
    public static Structure Hydronium() => new([8, 1, 1, 1],
        [new(0.0, 0.0, 0.1), new(0.95, 0.05, -0.25), new(-0.5, 0.83, -0.27), new(-0.46, -0.85, -0.22)], charge: 1);

    /// <summary>A water dimer pushed away from equilibrium, every atom off the mirror plane: xtb 6.5.1's analytic
    /// gradient is off by ~5e-3 eV/A for atoms lying exactly in a plane (z = 0) when the others are not,
    /// while its energy is smooth there (measured; finite differences agree for steps 1e-2..1e-4 A).</summary>
    public static Structure DistortedDimer()
    {
        var s = TestStructures.WaterDimer();
        var rng = new Random(11);
        for (int i = 0; i < s.Count; i++)
            s.Positions[i] += new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * 0.1;
        return s;
    }

    /// <summary>A fresh temporary cache path (deleted with its WAL files by the caller).</summary>
    public static string TempCachePath() => Path.Combine(Path.GetTempPath(), $"tessera-test-cache-{Guid.NewGuid():N}.sqlite");

    public static void DeleteCache(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
    }
}
