using System.Diagnostics;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Bench;

/// <summary>In-process energy+forces time of n2p2's three example potentials on their frames, 1 and 2 threads:
/// the per-structure figure without process start-up, steady enough to profile (perf, callgrind).
/// BENCH_SECONDS sets the time per cell (default 3), BENCH_POTENTIAL picks one potential by name.</summary>
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
            var frame = StructureFile.Read(Path.Combine(dir, "input.data")).First();
            foreach (int threads in new[] { 1, 2 })
            {
                var pot = new BehlerParrinelloPotential(model) { MaxDegreeOfParallelism = threads };
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                int calls = 0;
                var m = Timing.Measure(() => { pot.Compute(frame, Needs.Forces); calls++; }, minSeconds: seconds);
                process.Refresh();
                double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds / calls;
                Console.WriteLine($"{name} ({frame.Count} atoms), {threads} thread(s): {m.MedianSeconds * 1e3:F1} ms wall (min {m.MinSeconds * 1e3:F1}), " +
                                  $"{cpu * 1e3:F1} ms CPU per structure; median of {m.Repeats}, load average {BenchEnvironment.LoadAverage()}");
            }
        }
    }
}
