using Tessera.Core;
using Tessera.Engines;
using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.Bench;

/// <summary>Time per W6 structure (energy and forces) of the shipped model's learned corrections alone against its low
/// level alone (GFN2-xTB in process), measured in one run, alternating, over the held-out W6 frames: what the corrections
/// add to the cost of a step.</summary>
public sealed class ShippedModelBenchmark : IBenchmark
{
    public string Name => "shipped";
    public string Description => "data/models/w6-increments.json: corrections alone vs xtb-native GFN2 alone per W6 structure, 1 and 2 threads";

    public void Run()
    {
        var model = FragmentModelFile.Read(Path.Combine("data", "models", "w6-increments.json"));
        var frames = StructureFile.Read(Path.Combine("data", "w6", "w6-heldout.extxyz.gz")).Select(s => s.WithPositions([.. s.Positions])).ToArray();
        using var low = new XtbLibraryEngine(XtbSettings.Create("gfn2"));
        foreach (int threads in new[] { 1, 2 })
        {
            var corrections = new FragmentNetworkPotential(model, low, model.Fragmentation with { MaxParallelism = threads }).Corrections;
            int k = 0, j = 0;
            Timing.Measurement c = null!, x = null!;
            for (int round = 0; round < 2; round++) // alternate, so both see the same machine load
            {
                c = Timing.Measure(() => corrections.Compute(frames[k++ % frames.Length], Needs.Forces), 2.0, warmup: 20);
                x = Timing.Measure(() => low.Compute(frames[j++ % frames.Length], Needs.Forces), 2.0, warmup: 5);
            }
            Console.WriteLine($"  {threads} thread(s): corrections {c.MedianSeconds * 1e3:F2} ms (best {c.MinSeconds * 1e3:F2}), " +
                              $"xtb-native GFN2 {x.MedianSeconds * 1e3:F2} ms (best {x.MinSeconds * 1e3:F2}) per W6 structure; " +
                              $"corrections / low level = {c.MedianSeconds / x.MedianSeconds:F2}");
        }
    }
}
