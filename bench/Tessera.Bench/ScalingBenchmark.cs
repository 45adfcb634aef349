using System.Diagnostics;
using System.Globalization;
using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Bench;

/// <summary>Issue 16, item 6: energy+forces of n2p2's RPBE-D3 water potential on periodic water boxes of about 200 to
/// 20000 atoms (<see cref="WaterBoxes"/>), one thread, in process: CPU and wall time per evaluation (medians after a
/// warm-up), the neighbour list on its own, bytes allocated per evaluation and the process's peak resident set while
/// that size ran; then least-squares fits of CPU time against N (slope per atom) and of log t against log N (the
/// exponent, 1 for linear). BENCH_SECONDS sets the time per size (default 3, at least 3 evaluations). With the Tessera
/// CLI at hand (TESSERA_BIN, or the one scripts/setup.sh publishes) it also runs `tessera predict` on a few sizes as
/// whole processes under /usr/bin/time for their maximum resident set size.</summary>
public sealed class ScalingBenchmark : IBenchmark
{
    public string Name => "scaling";
    public string Description => "Behler-Parrinello energy+forces against atom count (water boxes of 200 to 20000 atoms): time, slope, memory";

    private static readonly (string Label, Func<Structure, Structure> Make)[] Sizes =
    [
        ("cut-out", s => WaterBoxes.CutOut(s, 200)),
        ("cut-out", s => WaterBoxes.CutOut(s, 500)),
        ("1x1x1", s => s),
        ("2x1x1", s => WaterBoxes.Replicate(s, 2, 1, 1)),
        ("2x2x1", s => WaterBoxes.Replicate(s, 2, 2, 1)),
        ("2x2x2", s => WaterBoxes.Replicate(s, 2, 2, 2)),
        ("3x2x2", s => WaterBoxes.Replicate(s, 3, 2, 2)),
        ("3x3x2", s => WaterBoxes.Replicate(s, 3, 3, 2)),
    ];

    private sealed record Row(string Label, int Atoms, double PairsPerAtom, double ListCpu, double Cpu, double Wall, int Repeats,
                              double AllocatedMb, double ListMb, double PeakRssMb);

    public void Run()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("BENCH_SECONDS"), CultureInfo.InvariantCulture, out double t) ? t : 3;
        string dir = BenchEnvironment.SharedPath("n2p2", "H2O_RPBE-D3");
        var units = N2p2Potential.ReadUnits(dir).Units;
        var model = N2p2Potential.Read(dir);
        var frame = StructureFile.Read(Path.Combine(dir, "input.data"), null, units).First();
        var pot = new BehlerParrinelloPotential(model) { MaxDegreeOfParallelism = 1 };
        double cutoff = model.MaxCutoff * model.LengthUnit * (1 + 1e-9); // as the potential builds its list
        pot.Compute(frame, Needs.Forces); // JIT before the first size
        GC.Collect();
        Console.WriteLine($"H2O_RPBE-D3, one thread, cutoff {cutoff:F2} A; process resident set before the first size " +
                          $"{ResidentMb("VmRSS"):F0} MB; load average {BenchEnvironment.LoadAverage()}");
        var rows = new List<Row>();
        foreach (var (label, make) in Sizes)
        {
            var s = make(frame);
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            bool peakReset = ResetPeakRss();
            var nl = NeighbourList.Build(s, cutoff);
            double pairs = (double)nl.PairCount / s.Count;
            // int index + Vec3 displacement + double distance per listed neighbour.
            double listMb = nl.PairCount * (4.0 + 24 + 8) / 1e6;
            nl = null;
            double listCpu = Median(Repeat(() => NeighbourList.Build(s, cutoff), 0.2 * seconds).Cpu);
            pot.Compute(s, Needs.Forces); // warm-up: workspaces sized for this N
            long allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            var (cpu, wall) = Repeat(() => pot.Compute(s, Needs.Forces), seconds);
            double allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated0) / 1e6 / cpu.Count;
            double peak = peakReset ? ResidentMb("VmHWM") : double.NaN;
            var row = new Row(label, s.Count, pairs, listCpu, Median(cpu), Median(wall), cpu.Count, allocatedMb, listMb, peak);
            rows.Add(row);
            Console.WriteLine($"  {label} {s.Count} atoms: {row.Cpu * 1e3:F0} ms CPU, {row.Wall * 1e3:F0} ms wall (median of {row.Repeats}); " +
                              $"load average {BenchEnvironment.LoadAverage()}");
        }
        Table(rows);
        Cli(dir, units, frame);
    }

    private static void Table(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| box | atoms | neighbours per atom | neighbour list CPU (ms) | energy+forces CPU (ms) | wall (ms) | CPU per atom (us) | " +
                          "allocated per evaluation (MB) | neighbour list, 36 B per pair (MB) | peak resident set (MB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Label} | {r.Atoms} | {r.PairsPerAtom:F1} | {r.ListCpu * 1e3:F1} | {r.Cpu * 1e3:F0} | {r.Wall * 1e3:F0} | " +
                              $"{r.Cpu * 1e6 / r.Atoms:F0} | {r.AllocatedMb:F1} | {r.ListMb:F1} | {r.PeakRssMb:F0} |");
        var n = rows.Select(r => (double)r.Atoms).ToArray();
        var (a, b) = Fit(n, [.. rows.Select(r => r.Cpu)]);
        var logN = n.Select(x => Math.Log(x)).ToArray();
        var (_, p) = Fit(logN, [.. rows.Select(r => Math.Log(r.Cpu))]);
        var (_, pList) = Fit(logN, [.. rows.Select(r => Math.Log(r.ListCpu))]);
        var (_, pMem) = Fit(logN, [.. rows.Select(r => Math.Log(r.AllocatedMb))]);
        Console.WriteLine();
        Console.WriteLine($"CPU time = {a * 1e3:F1} ms + {b * 1e6:F1} us x N; log-log exponents: energy+forces {p:F3}, " +
                          $"neighbour list {pList:F3}, allocated bytes {pMem:F3}; load average {BenchEnvironment.LoadAverage()}");
    }

    /// <summary>`tessera predict` as a whole process (one core) on a few sizes: maximum resident set, wall and CPU time.</summary>
    private static void Cli(string dir, N2p2Units units, Structure frame)
    {
        (string Program, string[] Prefix) cli;
        try { cli = N2p2SideBySideBenchmark.TesseraCommand(); }
        catch (FileNotFoundException e) { Console.WriteLine($"\nNo `tessera predict` figures: {e.Message}"); return; }
        string root = Directory.CreateTempSubdirectory("tessera-scaling-").FullName;
        try
        {
            Console.WriteLine($"\n`tessera predict` ({cli.Program} {string.Join(' ', cli.Prefix)}), one core, one frame, /usr/bin/time:");
            Console.WriteLine("| atoms | maximum resident set (MB) | wall (s) | CPU (s) |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var s in new[] { WaterBoxes.CutOut(frame, 200), frame, WaterBoxes.Replicate(frame, 2, 2, 1), WaterBoxes.Replicate(frame, 3, 3, 2) })
            {
                string input = Path.Combine(root, $"water{s.Count}.data");
                StructureFile.Write(input, [s], StructureFile.N2p2Format, units);
                var (rss, wall, cpu) = TimeVerbose(root, cli.Program, [.. cli.Prefix, "predict", "-m", dir, input, "-o", Path.ChangeExtension(input, ".extxyz")]);
                Console.WriteLine($"| {s.Count} | {rss:F0} | {wall:F2} | {cpu:F2} |");
            }
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    /// <summary>Runs a program under /usr/bin/time, one core (taskset, DOTNET_PROCESSOR_COUNT): max RSS (MB), wall, user + system.</summary>
    private static (double RssMb, double Wall, double Cpu) TimeVerbose(string workDir, string program, string[] args)
    {
        string report = Path.Combine(workDir, "time.txt");
        var psi = new ProcessStartInfo("/usr/bin/time") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-f", "%M %e %U %S", "-o", report, "taskset", "-c", "0", program, .. args]) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("Could not start /usr/bin/time.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} exited with {p.ExitCode}: {stderr}{stdout.Result}");
        var w = File.ReadAllLines(report).Last().Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return (w[0] / 1024, w[1], w[2] + w[3]);
    }

    /// <summary>Runs work until <paramref name="seconds"/> have passed and at least 3 times: CPU and wall seconds of each run.</summary>
    private static (List<double> Cpu, List<double> Wall) Repeat(Action work, double seconds)
    {
        var process = Process.GetCurrentProcess();
        var cpu = new List<double>(); var wall = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || cpu.Count < 3)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            work();
            wall.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - c0).TotalSeconds);
        }
        return (cpu, wall);
    }

    private static double Median(List<double> v) => TimedProcess.Median(v);

    /// <summary>Least squares y = a + b x.</summary>
    private static (double A, double B) Fit(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (u, v) => (u - mx) * (v - my)).Sum(), sxx = x.Sum(u => (u - mx) * (u - mx));
        double b = sxy / sxx;
        return (my - b * mx, b);
    }

    /// <summary>Linux: writing 5 to /proc/self/clear_refs resets the peak resident set (VmHWM) to the current one.</summary>
    private static bool ResetPeakRss()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>A field of /proc/self/status (kB) in MB; NaN off Linux.</summary>
    private static double ResidentMb(string field)
    {
        if (!File.Exists("/proc/self/status")) return double.NaN;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
