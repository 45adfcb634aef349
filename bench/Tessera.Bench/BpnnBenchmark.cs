using System.Diagnostics;
using Tessera.Core;
using Tessera.IO;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Bench;

/// <summary>BP1 speed: energy and forces of n2p2's 1080-atom RPBE-D3 water box on one and two threads,
/// and training throughput on 90-atom cut-outs of that box labelled by the same potential.</summary>
public sealed class BpnnBenchmark : IBenchmark
{
    public string Name => "bpnn";
    public string Description => "Behler-Parrinello: 1080-atom water box energy+forces (1 and 2 threads), training throughput";

    public void Run()
    {
        string dir = BenchEnvironment.SharedPath("n2p2", "H2O_RPBE-D3");
        var model = N2p2Potential.Read(dir);
        var box = StructureFile.Read(Path.Combine(dir, "input.data")).First();
        Accuracy(dir, model, box);
        foreach (int threads in new[] { 1, 2 })
        {
            var pot = new BehlerParrinelloPotential(model) { MaxDegreeOfParallelism = threads };
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            int calls = 0;
            var m = Timing.Measure(() => { pot.Compute(box, Needs.Forces); calls++; }, minSeconds: 5);
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds / calls;
            // CPU seconds per evaluation is the figure to trust on a shared, loaded machine.
            Console.WriteLine($"threads={threads}: {m.MedianSeconds * 1e3:F1} ms wall per evaluation, {1 / m.MedianSeconds:F2} structures/s, " +
                              $"{m.MedianSeconds * 1e6 / box.Count:F1} us/atom wall; {cpu * 1e3:F0} ms CPU per evaluation " +
                              $"({cpu * 1e6 / box.Count:F1} us/atom CPU; median of {m.Repeats}, load average {BenchEnvironment.LoadAverage()})");
        }
        var single = new BehlerParrinelloPotential(model) { MaxDegreeOfParallelism = 1 };
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var energyOnly = Timing.Measure(() => single.Compute(box, Needs.Energy), minSeconds: 3);
        Console.WriteLine($"energy only, 1 thread: {energyOnly.MedianSeconds * 1e3:F1} ms wall " +
                          $"({(Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds * 1e3 / (energyOnly.Repeats + 1):F0} ms CPU) per evaluation");
        Training(model, box);
    }

    private static void Training(BpnnModel model, Structure box)
    {
        var label = new BehlerParrinelloPotential(model);
        var rng = new Random(3);
        var data = new List<Structure>();
        for (int k = 0; k < 16; k++)
        {
            var c = box.Positions[rng.Next(box.Count)];
            var near = Enumerable.Range(0, box.Count).Where(i => (box.Positions[i] - c).Length < 6.0).ToArray();
            var s = box.Subset(near, 0, 1);
            s.Cell = null; s.Pbc = [false, false, false];
            var r = label.Compute(s);
            s.Info["energy"] = r.Energy;
            s.Arrays["forces"] = PerAtomArray.Vectors(r.RequireForces());
            data.Add(s);
        }
        double atoms = data.Average(s => s.Count);
        var settings = new BpnnTrainingSettings { Epochs = 1, BatchSize = 8, Hidden = [25, 25], Cutoff = 12 * Units.Bohr, Patience = 0 };
        var fresh = BpnnModelBuilder.Create(data, settings);
        BpnnTrainer.TrainModel(fresh, data.Take(2).ToList(), data.Take(1).ToList(), settings); // warm-up
        var clock = Stopwatch.StartNew();
        BpnnTrainer.TrainModel(fresh, data, data.Take(1).ToList(), settings);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"training (energy+force gradients, {Environment.ProcessorCount} threads): {data.Count / seconds:F2} structures/s " +
                          $"of {atoms:F0} atoms ({seconds * 1e6 / (data.Count * atoms):F0} us/atom per epoch)");
    }

    /// <summary>Differences from n2p2's nnp-predict output shipped in reference/.</summary>
    private static void Accuracy(string dir, BpnnModel model, Structure box)
    {
        static List<double[]> Rows(string path) => File.ReadLines(path).Where(l => l.Trim().Length > 0 && l.TrimStart()[0] != '#')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => double.Parse(w, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        var r = new BehlerParrinelloPotential(model).Compute(box, Needs.Forces);
        double eRef = Rows(Path.Combine(dir, "reference", "energy.out"))[0][3];
        var fRef = Rows(Path.Combine(dir, "reference", "nnforces.out"));
        double worst = 0;
        for (int i = 0; i < box.Count; i++)
            for (int c = 0; c < 3; c++) worst = Math.Max(worst, Math.Abs(r.Forces![i][c] / Units.HartreePerBohr - fRef[i][5 + c]));
        double e = r.Energy / Units.Hartree;
        Console.WriteLine($"vs n2p2 nnp-predict: E = {e:R} Ha (n2p2 {eRef:R}), relative difference {Math.Abs(e - eRef) / Math.Abs(eRef):E2}; " +
                          $"largest force component difference {worst:E2} Ha/Bohr");
    }


}
