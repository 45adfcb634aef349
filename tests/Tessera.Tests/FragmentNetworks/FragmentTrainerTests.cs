using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Networks;
using Tessera.Potentials;

namespace Tessera.Tests.FragmentNetworks;

public class FragmentTrainerTests
{
    private static readonly FragmentSettings Settings = FragmentSettings.Create(1, 3.6, switchOn: 2.7);

    private static FragmentTrainingResult Train(bool forces, int epochs = 80, int ensemble = 1,
                                                TrainingOptimizer optimizer = TrainingOptimizer.Adam) =>
        FragmentTrainer.Train(ToyDeltaData.Frames(30, 4, Settings, 100, forces), Settings, FragmentDescriptorSettings.Default,
                              FragmentTrainingSettings.Create(hidden: [16, 16], ensemble: ensemble, epochs: epochs, patience: 40,
                                                              testFraction: 0.15, seed: 3, optimizer: optimizer));

    [Theory]
    [InlineData(TrainingOptimizer.Adam)]
    [InlineData(TrainingOptimizer.Lbfgs)]
    public void Training_on_a_toy_delta_task_beats_the_spread_of_the_targets_by_far(TrainingOptimizer optimizer)
    {
        var result = Train(forces: true, optimizer: optimizer);
        foreach (var t in result.Model.Training!.Types.Where(t => t.Test >= 10))
        {
            var test = result.TestFrames.Where(f => (string)f.Info[FragmentSchema.TypeKey] == t.Type)
                .Select(f => (double)f.Info["delta"] / Units.KcalPerMol).ToArray();
            double mean = test.Average();
            double spread = Math.Sqrt(test.Average(x => (x - mean) * (x - mean)));
            // Monomer corrections barely vary (spread ~0.1 kcal/mol): an absolute floor of 0.1 kcal/mol applies there.
            Assert.True(t.TestRmse < Math.Max(0.2 * spread, 0.1), $"{t.Type}: test RMSE {t.TestRmse:F3} kcal/mol vs target spread {spread:F3}");
        }
        Assert.True(result.Model.Training.UsedForces);
        // Validation energies improve for the same types (the small ones overfit this toy set, as the loss also has forces).
        var sizable = result.Model.Training.Types.Where(t => t.Test >= 10).Select(t => t.Type).ToHashSet();
        Assert.NotEmpty(sizable);
        Assert.All(result.Model.Training.Curves.Where(c => sizable.Contains(c.Type)),
                   c => Assert.True(c.Points.Min(p => p.ValidationRmse) < c.Points[0].ValidationRmse, $"{c.Type} member {c.Member}"));
    }

    [Fact]
    public void Forces_are_used_where_fragments_have_them_even_when_others_have_none()
    {
        var withForces = ToyDeltaData.Frames(30, 4, Settings, 100, true);
        var withoutForces = ToyDeltaData.Frames(30, 4, Settings, 200, false);
        var ts = FragmentTrainingSettings.Create(hidden: [8], epochs: 3, patience: 40, testFraction: 0.15, seed: 3);
        FragmentNetworkModel TrainOn(List<Structure> frames) =>
            FragmentTrainer.Train(frames, Settings, FragmentDescriptorSettings.Default, ts).Model;

        var mixed = TrainOn([.. withForces, .. withoutForces]);
        var energiesOnly = TrainOn([.. withForces.Select(WithoutForces), .. withoutForces]);
        Assert.True(mixed.Training!.UsedForces);
        Assert.False(energiesOnly.Training!.UsedForces);
        // The same fragments and seeds: only the force term of the fragments that have forces tells the two apart.
        Assert.Contains(mixed.Types, t => !t.Members[0].Parameters.SequenceEqual(energiesOnly.For(t.Type).Members[0].Parameters));

        static Structure WithoutForces(Structure f)
        {
            var c = f.Clone();
            foreach (var key in c.Arrays.Keys.Where(k => k.StartsWith("forces", StringComparison.Ordinal)).ToArray()) c.Arrays.Remove(key);
            return c;
        }
    }

    [Fact]
    public void Model_file_round_trip_gives_identical_predictions()
    {
        var result = Train(forces: false, epochs: 5);
        var path = Path.Combine(Path.GetTempPath(), $"fragnn-{Guid.NewGuid():N}.json");
        try
        {
            FragmentModelFile.Write(path, result.Model);
            var back = FragmentModelFile.Read(path);
            var s = ToyDeltaData.Cluster(4, 999);
            var a = new FragmentNetworkPotential(result.Model, ToyDeltaData.Low).Compute(s);
            var b = new FragmentNetworkPotential(back, ToyDeltaData.Low).Compute(s);
            Assert.Equal(a.Energy, b.Energy);
            Assert.Equal(a.Forces, b.Forces);
            Assert.Equal(result.Model.Training!.Curves.Length, back.Training!.Curves.Length);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Same_seed_gives_the_same_model()
    {
        var a = Train(forces: true, epochs: 3, ensemble: 2).Model;
        var b = Train(forces: true, epochs: 3, ensemble: 2).Model;
        foreach (var t in a.Types)
            for (int m = 0; m < t.Members.Count; m++) Assert.Equal(t.Members[m].Parameters, b.For(t.Type).Members[m].Parameters);
    }

    [Theory]
    [InlineData("{\"kind\": \"tessera-fragment-networks\", \"format_version\": 99}", "version 99")]
    [InlineData("{\"kind\": \"something-else\"}", "not a fragment model")]
    [InlineData("{\"kind\": \"tessera-fragment-networks\", \"format_version\": 1, \"types\": [", "JSON")]
    public void Bad_model_files_give_clear_errors(string text, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fragnn-bad-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, text);
            var e = Assert.Throws<FileFormatException>(() => FragmentModelFile.Read(path));
            Assert.Contains(expected, e.Message);
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }
}
