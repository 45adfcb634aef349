using System.Diagnostics;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Bench;

/// <summary>In-process energy+forces time of n2p2's three example potentials on their frames, 1 and 2 threads:
/// the per-structure figure without process start-up, steady enough to profile (perf, callgrind).
/// BENCH_SECONDS sets the time per cell (default 3), BENCH_POTENTIAL picks one potential by name; BENCH_CALLS=N
/// instead makes exactly N one-thread evaluations and no timing (for instruction counts: valgrind --tool=callgrind
/// with N and 1 calls, the difference over N - 1); BENCH_NEEDS=energy makes those calls energy only (the descriptors'
/// values pass and the networks, without the force pass).</summary>
public sealed class N2p2PotentialsBenchmark : IBenchmark
{
    public string Name => "bpnn-n2p2";
    public string Description => "Behler-Parrinello energy+forces per structure on n2p2's H2O, Cu2S and Anisole examples (1 and 2 threads)";

    public void Run()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("BENCH_SECONDS"), out double s) ? s : 3;
        string? only = Environment.GetEnvironmentVariable("BENCH_POTENTIAL");
        foreach (var name in new[] { "H2O_RPBE-D3", "Cu2S_PBE", "Anisole_SCAN" })
        {
            if (only is not null && name != only) continue;
            string dir = BenchEnvironment.SharedPath("n2p2", name);
            var model = N2p2Potential.Read(dir);
            var frame = StructureFile.Read(Path.Combine(dir, "input.data"), null, N2p2Potential.ReadUnits(dir).Units).First(); // in the potential's units
            if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_CALLS"), out int calls))
            {
                var one = new BehlerParrinelloPotential(model) { MaxDegreeOfParallelism = 1 };
                var needs = Environment.GetEnvironmentVariable("BENCH_NEEDS") == "energy" ? Needs.Energy : Needs.Forces;
                for (int c = 0; c < calls; c++) one.Compute(frame, needs);
                Console.WriteLine($"{name}: {calls} evaluations");
                continue;
            }
            foreach (int threads in new[] { 1, 2 })
            {
                var pot = new BehlerParrinelloPotential(model) { MaxDegreeOfParallelism = threads };
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                int made = 0;
                var m = Timing.Measure(() => { pot.Compute(frame, Needs.Forces); made++; }, minSeconds: seconds);
                process.Refresh();
                double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds / made;
                Console.WriteLine($"{name} ({frame.Count} atoms), {threads} thread(s): {m.MedianSeconds * 1e3:F1} ms wall (min {m.MinSeconds * 1e3:F1}), " +
                                  $"{cpu * 1e3:F1} ms CPU per structure; median of {m.Repeats}, load average {BenchEnvironment.LoadAverage()}");
            }
        }
    }
}
