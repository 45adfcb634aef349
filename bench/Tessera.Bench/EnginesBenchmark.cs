using System.Diagnostics;
using Tessera.Core;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Bench;

/// <summary>Wall time of the quantum engines on this machine: xtb GFN2 per call, psi4 DF-MP2/cc-pVDZ per call
/// unbatched against 8 geometries in one process, and a result-cache hit.</summary>
public sealed class EnginesBenchmark : IBenchmark
{
    public string Name => "engines";
    public string Description => "xtb GFN2 and psi4 DF-MP2/cc-pVDZ seconds per call (water dimer, W6), batch vs single, cache hit";

    public void Run()
    {
        var dimer = WaterDimer();
        var w6 = CyclicHexamer();
        var xtb = new XtbEngine(XtbSettings.Create("gfn2"));
        Console.WriteLine($"xtb {xtb.Version}, psi4 {new Psi4Engine(Psi4Settings.Create("mp2/cc-pvdz")).Version}, {Environment.ProcessorCount} cores, load average {BenchEnvironment.LoadAverage()} (wall times scale with load)");
        Report("xtb GFN2 dimer energy", Timing.Measure(() => xtb.Compute(dimer, Needs.Energy), 3));
        Report("xtb GFN2 dimer energy+forces", Timing.Measure(() => xtb.Compute(dimer, Needs.Forces), 3));
        Report("xtb GFN2 W6 energy+forces", Timing.Measure(() => xtb.Compute(w6, Needs.Forces), 3));
        using (var native = new XtbLibraryEngine(XtbSettings.Create("gfn2")))
        {
            // MD-like use: each call a slightly moved geometry, SCF restarted from the last wavefunction.
            var moved = Jiggled(w6, 64, seed: 4);
            int k = 0;
            Report("xtb-native GFN2 W6 energy+forces", Timing.Measure(() => native.Compute(moved[k++ % moved.Length], Needs.Forces), 3));
        }
        var eight = Jiggled(dimer, 8, seed: 1);
        var sw = Stopwatch.StartNew();
        xtb.ComputeBatch(eight, Needs.Forces);
        Console.WriteLine($"  {"xtb GFN2 batch of 8 dimers (parallel)",-44} {sw.Elapsed.TotalSeconds / 8,9:F4} s per structure ({Environment.ProcessorCount} cores)");

        var psi4 = new Psi4Engine(Psi4Settings.Create("mp2/cc-pvdz"));
        var singles = Jiggled(dimer, 3, seed: 2);
        sw.Restart();
        foreach (var s in singles) psi4.Compute(s, Needs.Energy);
        Console.WriteLine($"  {"psi4 DF-MP2/cc-pVDZ dimer energy, unbatched",-44} {sw.Elapsed.TotalSeconds / singles.Length,9:F4} s per call (3 calls, one process each)");
        sw.Restart();
        var items = psi4.ComputeBatch(Jiggled(dimer, 8, seed: 3), Needs.Energy);
        double total = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"  {"psi4 DF-MP2/cc-pVDZ dimer energy, batch of 8",-44} {total / 8,9:F4} s per geometry ({total:F2} s in one process; in-psi4 {items.Average(i => i.WallSeconds):F3} s each)");
        sw.Restart();
        psi4.Compute(dimer, Needs.Forces);
        Console.WriteLine($"  {"psi4 DF-MP2/cc-pVDZ dimer gradient, unbatched",-44} {sw.Elapsed.TotalSeconds,9:F4} s");

        var path = Path.Combine(Path.GetTempPath(), $"tessera-bench-cache-{Guid.NewGuid():N}.sqlite");
        try
        {
            var cached = new CachedPotential(xtb, new ResultCache(path));
            cached.Compute(w6, Needs.Forces);
            long starts = xtb.ProcessStarts;
            Report("cache hit (W6 energy+forces, SQLite)", Timing.Measure(() => cached.Compute(w6, Needs.Forces), 1));
            if (xtb.ProcessStarts != starts) throw new InvalidOperationException("a cache hit started a process");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }


    private static void Report(string what, Timing.Measurement m) =>
        Console.WriteLine($"  {what,-44} {m.MedianSeconds,9:F4} s median (min {m.MinSeconds:F4}, {m.Repeats} runs)");

    private static Structure WaterDimer() => new([8, 1, 1, 8, 1, 1],
    [
        new(-1.551007, -0.114520, 0.000000), new(-1.934259, 0.762503, 0.000000), new(-0.599677, 0.040712, 0.000000),
        new(1.350625, 0.111469, 0.000000), new(1.680398, -0.373741, -0.758561), new(1.680398, -0.373741, 0.758561),
    ]);

    /// <summary>A cyclic water hexamer (18 atoms, W6 size): oxygens on a puckered ring 2.8 A apart, one H donating
    /// to the next oxygen, the other pointing up or down.</summary>
    private static Structure CyclicHexamer()
    {
        var z = new List<int>();
        var r = new List<Vec3>();
        const double radius = 2.8, oh = 0.97;
        for (int k = 0; k < 6; k++)
        {
            Vec3 O(int j) => new(radius * Math.Cos(j * Math.PI / 3), radius * Math.Sin(j * Math.PI / 3), (j % 2 == 0 ? 0.25 : -0.25));
            var o = O(k);
            var toNext = O(k + 1) - o;
            z.AddRange([8, 1, 1]);
            r.AddRange([o, o + oh / toNext.Length * toNext, o + new Vec3(-0.25 * o.X / radius, -0.25 * o.Y / radius, k % 2 == 0 ? 0.93 : -0.93)]);
        }
        return new Structure(z.ToArray(), r.ToArray());
    }

    private static Structure[] Jiggled(Structure s, int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
            s.WithPositions(s.Positions.Select(p => p + 0.02 * new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray())).ToArray();
    }
}
