using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Tests.FragmentNetworks;

public class WarmStartTests
{
    private static readonly FragmentSettings Settings = FragmentSettings.Create(1, 3.6, switchOn: 2.7);

    private static FragmentTrainingSettings Options(int epochs, int[]? hidden = null) =>
        FragmentTrainingSettings.Create(hidden: hidden ?? [8, 8], ensemble: 1, epochs: epochs, patience: 40, testFraction: 0.15, seed: 3);

    private static readonly Lazy<FragmentNetworkModel> Start = new(() =>
        FragmentTrainer.Train(ToyDeltaData.Frames(30, 4, Settings, 100), Settings, FragmentDescriptorSettings.Default, Options(60)).Model);

    [Fact]
    public void Continuing_starts_from_the_models_weights_and_leaves_the_model_as_it_was()
    {
        var before = Start.Value.Types.ToDictionary(t => t.Type, t => t.Members[0].Parameters.ToArray());
        var newData = ToyDeltaData.Frames(20, 4, Settings, 300);
        FragmentNetworkModel TrainOn(FragmentNetworkModel? start) =>
            FragmentTrainer.Train(newData, Settings, FragmentDescriptorSettings.Default, Options(5), start: start).Model;
        var continued = TrainOn(Start.Value);
        var fresh = TrainOn(null);
        // After its first epoch a continued network is already near the converged one; a fresh one is far from it.
        foreach (var type in continued.Types.Select(t => t.Type).Where(t => t.StartsWith("r1:", StringComparison.Ordinal)))
        {
            double c = continued.Training!.Curves.Single(x => x.Type == type).Points[0].ValidationRmse;
            double f = fresh.Training!.Curves.Single(x => x.Type == type).Points[0].ValidationRmse;
            Assert.True(c < 0.5 * f, $"{type}: validation RMSE after one epoch {c:F3} continued vs {f:F3} fresh");
        }
        Assert.All(Start.Value.Types, t => Assert.Equal(before[t.Type], t.Members[0].Parameters));
        Assert.All(continued.Types, t => Assert.Equal(Start.Value.For(t.Type).InputScale, t.InputScale));
    }

    [Fact]
    public void A_type_the_data_lacks_is_kept_as_it_was()
    {
        var monomersOnly = ToyDeltaData.Frames(20, 4, Settings, 300).Where(f => FragmentSchema.Type(f)!.StartsWith("r0:", StringComparison.Ordinal)).ToList();
        var refined = FragmentTrainer.Train(monomersOnly, Settings, FragmentDescriptorSettings.Default, Options(3), start: Start.Value).Model;
        var pairs = Start.Value.Types.Where(t => t.Type.StartsWith("r1:", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, t => Assert.Equal(t.Members[0].Parameters, refined.For(t.Type).Members[0].Parameters));
    }

    [Fact]
    public void A_start_with_other_networks_or_another_cutoff_is_refused_naming_what_to_change()
    {
        var data = ToyDeltaData.Frames(5, 4, Settings, 300);
        var e = Assert.Throws<ArgumentException>(() =>
            FragmentTrainer.Train(data, Settings, FragmentDescriptorSettings.Default, Options(1, hidden: [16]), start: Start.Value));
        Assert.Contains("--hidden", e.Message);
        var other = FragmentSettings.Create(1, 4.0, switchOn: 2.7);
        e = Assert.Throws<ArgumentException>(() =>
            FragmentTrainer.Train(data, other, FragmentDescriptorSettings.Default, Options(1), start: Start.Value));
        Assert.Contains("cutoff", e.Message);
    }
}
