using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>Total-energy evaluation: the ab initio fragment reference, computed by a potential or stored in the frames
/// (energy_fragments_rR), gives the same figures.</summary>
public class FragmentEvaluationTests
{
    [Fact]
    public void A_stored_fragment_reference_counts_like_a_computed_one()
    {
        var settings = FragmentSettings.Create(1, 3.6, switchOn: 2.7);
        var model = FragmentModelFactory.Untrained(Enumerable.Range(0, 3).Select(i => ToyDeltaData.Cluster(4, 20 + i)), settings,
                                                   FragmentDescriptorSettings.Default, FragmentTrainingSettings.Create(hidden: [4], ensemble: 1));
        var reference = new FragmentPotential(ToyDeltaData.High, ToyDeltaData.Low, settings);
        var frames = Enumerable.Range(0, 4).Select(i => ToyDeltaData.Cluster(4, 30 + i)).ToList();
        var computed = FragmentEvaluation.Structures(model, ToyDeltaData.Low, frames, settings, fragmentReference: reference);
        Assert.Equal(4, computed.VersusFragments.Count);

        var stored = frames.Select(f => f.Clone()).ToList();
        foreach (var f in stored) f.Info[FragmentEvaluation.FragmentReferenceKey(1)] = reference.Compute(f).Energy;
        var read = FragmentEvaluation.Structures(model, ToyDeltaData.Low, stored, settings);
        Assert.Equal(computed.VersusFragments.Mae, read.VersusFragments.Mae, 12);
        Assert.Equal(0, FragmentEvaluation.Structures(model, ToyDeltaData.Low, frames, settings).VersusFragments.Count);
        Assert.Equal("energy_fragments_r1", FragmentEvaluation.FragmentReferenceKey(1));
    }
}
