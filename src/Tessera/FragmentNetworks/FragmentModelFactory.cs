using Tessera.Core;
using Tessera.Descriptors;
using Tessera.Fragments;

namespace Tessera.FragmentNetworks;

/// <summary>Untrained fragment models for given structures: every fragment type their fragmentations contain,
/// with descriptor standardisation from those fragments and seeded initial weights. For timing, tests of the
/// machinery, and as the starting point of training elsewhere.</summary>
public static class FragmentModelFactory
{
    public static FragmentNetworkModel Untrained(IEnumerable<Structure> structures, FragmentSettings fragmentation,
                                                 FragmentDescriptorSettings descriptor, FragmentTrainingSettings training, bool delta = true)
    {
        var samples = new List<FragmentTrainingSample>();
        foreach (var s in structures)
            foreach (var f in Fragmentation.Create(s, fragmentation).Fragments())
                samples.Add(new FragmentTrainingSample(f, 0, null));
        var types = samples.GroupBy(s => s.Type, StringComparer.Ordinal)
            .Select(g => FragmentTrainer.Initial(g.Key, g.ToArray(), g.SelectMany(s => s.Numbers), descriptor, training));
        return new FragmentNetworkModel(fragmentation, descriptor, delta, types);
    }
}
