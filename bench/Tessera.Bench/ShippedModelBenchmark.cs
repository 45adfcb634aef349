using Tessera.Core;
using Tessera.Engines;
using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.Bench;

/// <summary>Time per structure (energy and forces) of the shipped model's learned corrections alone against its low
/// level alone (GFN2-xTB in process), measured in one run, alternating, over the held-out W6 and W21 frames: what the
/// corrections add to the cost of a step.</summary>
public sealed class ShippedModelBenchmark : IBenchmark
{
    public string Name => "shipped";
    public string Description => "data/models/w6-increments.json: corrections alone vs xtb-native GFN2 alone per W6 and W21 structure (and W21 at rank 3), 1 and 2 threads";

    public void Run()
    {
        var model = FragmentModelFile.Read(Path.Combine("data", "models", "w6-increments.json"));
        using var low = new XtbLibraryEngine(XtbSettings.Create("gfn2"));
        foreach (var (system, file) in new[] { ("W6", Path.Combine("data", "w6", "w6-heldout.extxyz.gz")),
                                               ("W21", Path.Combine("data", "w21", "w21-heldout.extxyz.gz")) })
        {
            var frames = StructureFile.Read(file).Select(s => s.WithPositions([.. s.Positions])).ToArray();
            foreach (int threads in new[] { 1, 2 }) Compare(model, low, system, frames, threads);
            if (system != "W21") continue;
            var r3 = RankThreeStandIn(model, frames);
            foreach (int threads in new[] { 1, 2 }) Compare(r3, low, "W21 rank 3", frames, threads);
            if (Environment.GetEnvironmentVariable("TESSERA_BENCH_RANK3_MODEL") is { Length: > 0 } path)
            {
                FragmentModelFile.Write(path, r3);
                Console.WriteLine($"  rank-3 stand-in written to {path} (for tessera md timings)");
            }
        }
    }

    /// <summary>The shipped model at rank 3: no rank-3 networks are trained, so untrained ones of the shipped sizes (with
    /// standardisation from these frames) stand in, their outputs scaled by 1e-4 eV so that dynamics stay those of the
    /// shipped model; the cost does not depend on the weights.</summary>
    private static FragmentNetworkModel RankThreeStandIn(FragmentNetworkModel model, Structure[] frames)
    {
        var settings = model.Fragmentation with { Rank = 3 };
        var untrained = FragmentModelFactory.Untrained(frames.Take(5), settings, model.DescriptorSettings,
                                                       FragmentTrainingSettings.Create(hidden: [16, 16], ensemble: model.EnsembleSize));
        var rank3 = untrained.Types.Where(t => t.Type.StartsWith("r3:", StringComparison.Ordinal))
            .Select(t => new FragmentTypeNetworks(t.Type, t.Descriptor, t.InputMean, t.InputScale, 0, 1e-4, t.Members));
        return new FragmentNetworkModel(settings, model.DescriptorSettings, model.Delta, model.Types.Concat(rank3), model.LowLevel,
                                        model.HighLevel, model.Training, model.Provenance, model.Target);
    }

    private static void Compare(FragmentNetworkModel model, XtbLibraryEngine low, string system, Structure[] frames, int threads)
    {
        var corrections = new FragmentNetworkPotential(model, low, model.Fragmentation with { MaxParallelism = threads }).Corrections;
        int k = 0, j = 0;
        Timing.Measurement c = null!, x = null!;
        for (int round = 0; round < 2; round++) // alternate, so both see the same machine load
        {
            c = Timing.Measure(() => corrections.Compute(frames[k++ % frames.Length], Needs.Forces), 2.0, warmup: 5);
            x = Timing.Measure(() => low.Compute(frames[j++ % frames.Length], Needs.Forces), 2.0, warmup: 3);
        }
        Console.WriteLine($"  {system}, {threads} thread(s): corrections {c.MedianSeconds * 1e3:F2} ms (best {c.MinSeconds * 1e3:F2}), " +
                          $"xtb-native GFN2 {x.MedianSeconds * 1e3:F2} ms (best {x.MinSeconds * 1e3:F2}) per {system} structure; " +
                          $"corrections / low level = {c.MedianSeconds / x.MedianSeconds:F2}");
    }
}
