using Tessera.Core;
using Tessera.Data;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.Tests.FragmentNetworks;

public class FragmentIncrementsTests
{
    private static FragmentTrainingSample[] Samples(List<Structure> frames) =>
        frames.Select((f, i) => FragmentTrainingSample.From(f, delta: true, i)).ToArray();

    [Fact]
    public void A_dimer_increment_is_its_delta_minus_its_monomers_with_forces_mapped_atom_by_atom()
    {
        var frames = ToyDeltaData.Frames(1, 3, FragmentSettings.Create(1, 3.4), seed: 3);
        var samples = Samples(frames);
        var (increments, missing) = FragmentIncrements.From(samples);
        Assert.Equal(0, missing);
        Assert.Equal(samples.Length, increments.Length);
        var dimer = Array.FindIndex(samples, s => s.Rank == 1);
        Assert.True(dimer >= 0);
        var map = frames[dimer].Arrays[FragmentSchema.AtomMapArray].Integers;
        double expected = samples[dimer].Target;
        var forces = (Vec3[])samples[dimer].Forces!.Clone();
        foreach (var m in samples.Where(s => s.Rank == 0))
        {
            var mmap = m.Source.Arrays[FragmentSchema.AtomMapArray].Integers;
            if (!mmap.All(map.Contains)) continue;
            expected -= m.Target;
            for (int k = 0; k < mmap.Length; k++) forces[Array.IndexOf(map, mmap[k])] -= m.Forces![k];
        }
        Assert.Equal(expected, increments[dimer].Target, 12);
        for (int k = 0; k < forces.Length; k++) Assert.True((forces[k] - increments[dimer].Forces![k]).Length < 1e-12);
        Assert.NotEqual(samples[dimer].Target, increments[dimer].Target, 6);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)]
    public void Increments_of_a_whole_frame_sum_to_the_ab_initio_assembly(int rank)
    {
        var settings = FragmentSettings.Create(rank, 3.6);
        var cluster = ToyDeltaData.Cluster(6, 11);
        var (increments, missing) = FragmentIncrements.From(Samples(ToyDeltaData.Frames(1, 6, settings, seed: 11)));
        Assert.Equal(0, missing);
        double assembled = new FragmentPotential(ToyDeltaData.High, ToyDeltaData.Low, settings).Compute(cluster, Needs.Energy).Energy
                           - ToyDeltaData.Low.Compute(cluster, Needs.Energy).Energy;
        Assert.Equal(assembled, increments.Sum(s => s.Target), 9);
    }

    [Fact]
    public void A_fragment_without_its_faces_is_left_out_and_counted()
    {
        var frames = ToyDeltaData.Frames(2, 4, FragmentSettings.Create(2, 3.6), seed: 5);
        var samples = Samples(frames);
        int monomer = Array.FindIndex(samples, s => s.Rank == 0);
        var withoutOne = samples.Where((_, i) => i != monomer).ToArray();
        var (increments, missing) = FragmentIncrements.From(withoutOne);
        Assert.True(missing >= 2, $"a monomer is a face of at least its own edges and triangles; {missing} left out");
        Assert.Equal(withoutOne.Length - missing, increments.Length);
    }

    [Fact]
    public void Training_on_increments_without_faces_says_how_to_get_them()
    {
        var frames = ToyDeltaData.Frames(2, 4, FragmentSettings.Create(1, 3.6), seed: 5).Where(f => (long)f.Info[FragmentSchema.RankKey] == 1).ToList();
        var e = Assert.Throws<ArgumentException>(() => FragmentTrainer.Train(frames, FragmentSettings.Create(1, 3.6), Tessera.Descriptors.FragmentDescriptorSettings.Default,
            FragmentTrainingSettings.Create(hidden: [4], epochs: 2, target: FragmentTarget.Increment)));
        Assert.Contains("--no-faces", e.Message);
    }
}
