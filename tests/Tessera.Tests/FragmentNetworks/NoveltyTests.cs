using System.Text.Json;
using Tessera.Cli;
using Tessera.Core;
using Tessera.Data;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.Tests.Data;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>Where a pool lies against a training tessellation: fragments drawn like the training pool lie inside its cells,
/// strongly distorted ones far outside, types it never saw are new, and the spread is the model's own.</summary>
[Collection(ConsoleCollection.Name)]
public class NoveltyTests
{
    private static readonly List<PoolFragment> TrainingPool = TestPools.Water(60, seed: 1);
    private static readonly SelectionDocument Training = FragmentSelector.Select(TrainingPool, SelectionSettings.Create(0.1, seed: 1));

    private static double Median(IEnumerable<double> x) => x.Order().ElementAt((x.Count() - 1) / 2);

    [Fact]
    public void Fragments_unlike_the_training_pool_lie_farther_and_outside_its_cells()
    {
        var alike = Novelty.Of(TestPools.Water(60, seed: 2), Training, null);
        var distorted = Novelty.Of(TestPools.Water(60, seed: 3, jitter: 0.6), Training, null);
        foreach (var type in new[] { TestPools.Monomer, TestPools.Dimer })
        {
            var a = alike.Where(p => p.Type == type).ToArray();
            var d = distorted.Where(p => p.Type == type).ToArray();
            Assert.True(Median(d.Select(p => p.Distance!.Value)) > 2 * Median(a.Select(p => p.Distance!.Value)), type);
            Assert.InRange(a.Count(p => p.IsOutside) / (double)a.Length, 0, 0.3);
            Assert.InRange(d.Count(p => p.IsOutside) / (double)d.Length, 0.8, 1);
        }
        Assert.All(alike, p => Assert.Null(p.Spread));
        var summary = Novelty.Summarise(distorted);
        Assert.Equal([TestPools.Monomer, TestPools.Dimer], summary.Select(s => s.Type));
        Assert.Equal(distorted.Count(p => p.IsOutside), summary.Sum(s => s.Outside));
        Assert.All(summary, s => Assert.True(s.Distance90 >= s.MedianDistance));
    }

    [Fact]
    public void A_type_the_training_never_saw_is_new()
    {
        var monomersOnly = FragmentSelector.Select(TrainingPool.Where(f => f.Type == TestPools.Monomer).ToList(), SelectionSettings.Create(0.1, seed: 1));
        var points = Novelty.Of(TestPools.Water(10, seed: 2), monomersOnly, null);
        Assert.All(points.Where(p => p.Type == TestPools.Dimer), p => Assert.True(p.IsNewType && p.IsOutside && p.RelativeDistance is null));
        Assert.All(points.Where(p => p.Type == TestPools.Monomer), p => Assert.NotNull(p.Distance));
        Assert.Null(Novelty.Summarise(points).Single(s => s.Type == TestPools.Dimer).MedianDistance);
    }

    [Fact]
    public void The_spread_is_the_models_ensemble_spread_in_kcal_per_mol()
    {
        var model = FragmentModelFactory.Untrained(Enumerable.Range(0, 3).Select(i => ToyDeltaData.Cluster(4, 30 + i)), FragmentSettings.Create(1, 3.6),
                                                   FragmentDescriptorSettings.Default, FragmentTrainingSettings.Create(hidden: [4], ensemble: 3));
        var pool = TestPools.Water(20, seed: 4);
        var points = Novelty.Of(pool, Training, model);
        var ws = new FragmentWorkspace();
        for (int i = 0; i < pool.Count; i++)
        {
            var f = pool[i];
            Assert.Equal(f.Id, points[i].Id);
            if (!model.Knows(f.Type)) { Assert.Null(points[i].Spread); continue; }
            double expected = model.Predict(f.Type, f.Structure.Numbers, f.Structure.Positions, f.Units, Span<Vec3>.Empty, ws).Spread / Units.KcalPerMol;
            Assert.Equal(expected, points[i].Spread!.Value, 12);
        }
        Assert.Contains(points, p => p.Type == TestPools.Monomer && p.Spread > 0);
    }

    [Fact]
    public void The_command_writes_every_fragment_and_refuses_a_missing_selection()
    {
        var folder = Temp.Folder();
        string pool = Path.Combine(folder, "pool.extxyz.gz"), selection = Path.Combine(folder, "selection.json"), json = Path.Combine(folder, "novelty.json");
        FragmentPool.Write(pool, TestPools.Water(15, seed: 5));
        SelectionFile.Write(selection, Training);
        Assert.Equal(0, NoveltyCommand.Run(pool, selection, null, json));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(45, doc.RootElement.GetProperty("fragments").GetArrayLength());
        Assert.Equal(2, doc.RootElement.GetProperty("types").GetArrayLength());
        Assert.NotEqual(0, NoveltyCommand.Run(pool, Path.Combine(folder, "absent.json"), null, null));
    }
}
