using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.Tests.Fragments;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>Total-energy evaluation: the ab initio fragment reference, computed by a potential or stored in the frames
/// (energy_fragments_rR), gives the same figures; each frame counts as if evaluated alone.</summary>
public class FragmentEvaluationTests
{
    private static FragmentNetworkModel Untrained(FragmentSettings settings) =>
        FragmentModelFactory.Untrained(Enumerable.Range(0, 3).Select(i => ToyDeltaData.Cluster(4, 20 + i)), settings,
                                       FragmentDescriptorSettings.Default, FragmentTrainingSettings.Create(hidden: [4], ensemble: 1));

    /// <summary>Frames with the excess proton on another water each: their units differ, which a fragment potential
    /// with history took for a proton hop (freeze kept the first frame's units, throw refused the second frame).</summary>
    [Theory]
    [InlineData(ReassignmentPolicy.Freeze)] [InlineData(ReassignmentPolicy.Throw)]
    public void Each_frame_is_evaluated_as_if_alone_whatever_the_reassignment_policy(ReassignmentPolicy policy)
    {
        var settings = FragmentSettings.Create(1, 3.6, switchOn: 2.7, reassignment: policy);
        var model = Untrained(settings);
        var frames = Enumerable.Range(0, 4)
            .Select(i => WaterClusters.Build(WaterClusters.Grid(4, 2.8, 40 + i), 40 + i, protonated: true, hydronium: i)).ToList();
        FragmentPotential Reference() => new(ToyDeltaData.High, ToyDeltaData.Low, settings);
        var together = FragmentEvaluation.Structures(model, ToyDeltaData.Low, frames, settings, fragmentReference: Reference());
        for (int i = 0; i < frames.Count; i++)
        {
            var alone = FragmentEvaluation.Structures(model, ToyDeltaData.Low, [frames[i]], settings, fragmentReference: Reference()).Points[0];
            Assert.Equal(alone.Predicted, together.Points[i].Predicted);
            Assert.Equal(alone.FragmentReference, together.Points[i].FragmentReference);
        }
    }

    [Fact]
    public void A_stored_fragment_reference_counts_like_a_computed_one()
    {
        var settings = FragmentSettings.Create(1, 3.6, switchOn: 2.7);
        var model = Untrained(settings);
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
