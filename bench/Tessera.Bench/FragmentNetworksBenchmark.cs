using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.Bench;

/// <summary>Evaluations per second of the learned corrections alone (fragmentation, descriptors, networks,
/// assembly with forces; no low level) for W6 and W21 at R = 3, one and two threads.</summary>
public sealed class FragmentNetworksBenchmark : IBenchmark
{
    public string Name => "fragnn";
    public string Description => "Fragment-network corrections (energy + forces, no low level): W6 and W21 at R = 3, 1 and 2 threads";

    public void Run()
    {
        var w21Path = Path.Combine("data", "structures", "w21.xyz");
        var systems = new List<(string Name, Structure S)> { ("W6", ProtonatedWaterClusters.W6()) };
        if (File.Exists(w21Path)) systems.Add(("W21", StructureFile.Read(w21Path).First()));
        else Console.WriteLine($"  {w21Path} not found (run from the repository root): W21 skipped.");
        Console.WriteLine($"  {Environment.ProcessorCount} cores; networks 16-16 tanh (the CLI default), default fragment descriptor (pairs + angles), untrained weights (timing only)");
        foreach (var (name, s) in systems)
            foreach (int ensemble in new[] { 1, 4 })
            {
                var settings = FragmentSettings.Create(3, 4.5, switchOn: 4.0);
                var model = FragmentModelFactory.Untrained([s], settings, FragmentDescriptorSettings.Default,
                                                           FragmentTrainingSettings.Create(hidden: [16, 16], ensemble: ensemble), delta: false);
                var f = Fragmentation.Create(s, settings);
                foreach (int threads in new[] { 1, 2 })
                {
                    var p = new FragmentNetworkPotential(model, null, settings with { MaxParallelism = threads });
                    var t = Timing.Measure(() => p.Compute(s, Needs.Forces), 3.0, warmup: 30);
                    // The best time is the steadier figure on a shared, loaded machine; the median is printed too.
                    Console.WriteLine($"  {name} ({s.Count} atoms, {f.Complex.Simplices.Count} simplices, {model.Types.Count} types), ensemble {ensemble}, " +
                                      $"{threads} thread(s): {1 / t.MinSeconds:F1} evaluations/s at best ({t.MinSeconds * 1e3:F2} ms; " +
                                      $"median {t.MedianSeconds * 1e3:F2} ms of {t.Repeats})");
                }
            }
    }
}
