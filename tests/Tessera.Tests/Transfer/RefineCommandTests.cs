using Tessera.Cli;
using Tessera.Data;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Tests.Data;
using Tessera.Tests.FragmentNetworks;
using Tessera.Transfer;

namespace Tessera.Tests.Transfer;

/// <summary>`tessera refine` end to end with real xtb (GFN2 low, GFN1 high) on small protonated water clusters: a model trained
/// on three-water clusters is refined for looser four-water clusters. A round labels only outside fragments and their faces,
/// trains on from the model, scores before and after and writes its record and the report; a round cut short resumes
/// without computing a label again; the stored plan refuses other options; the next call runs the next round, which never
/// chooses what an earlier round chose.</summary>
[Collection(ConsoleCollection.Name)]
[Trait("Category", "Engines")]
public class RefineCommandTests
{
    private static readonly FragmentSettings Fragmentation = FragmentSettings.Create(1, 3.6, switchOn: 2.7);

    private sealed record Small(string Model, string Selection, string Dataset, string Test);

    /// <summary>Pool, selection (half of each type), labels, data set and a model of the small clusters.</summary>
    private static Small Train(string dir)
    {
        var frames = Enumerable.Range(0, 8).Select(i => ToyDeltaData.Cluster(3, 40 + i)).ToList();
        var pool = Path.Combine(dir, "small-pool.extxyz.gz");
        FragmentPool.Write(pool, FragmentPoolBuilder.Build(frames, Fragmentation));
        var selection = Path.Combine(dir, "small-selection.json");
        Assert.Equal(0, SelectCommand.Run(pool, 0.5, 1, selection, false));
        Assert.Equal(0, LabelCommand.Run(new LabelOptions(pool, selection, "xtb:gfn2", "xtb:gfn1", Chunk: 8)));
        var dataset = Path.Combine(dir, "small-dataset.extxyz.gz");
        Assert.Equal(0, DatasetCommand.Run(pool, selection, null, dataset));
        var model = Path.Combine(dir, "small.json");
        Assert.Equal(0, TrainCommand.Run(dataset, model, null, "xtb:gfn2", FragmentTrainingSettings.Create(hidden: [8], ensemble: 2, epochs: 20, seed: 2), null));
        return new Small(model, selection, dataset, Path.Combine(dir, "small.test.extxyz"));
    }

    [Fact]
    public void Rounds_label_outside_fragments_resume_without_recomputing_and_keep_to_their_plan()
    {
        var dir = Temp.Folder();
        var small = Train(dir);
        var larger = Path.Combine(dir, "larger.extxyz");
        StructureFile.Write(larger, Enumerable.Range(0, 10).Select(i => ToyDeltaData.Cluster(4, 70 + i, spacing: 3.0)).ToList(), StructureFile.ExtXyzFormat);
        var folder = new RefinementFolder(Path.Combine(dir, "refine"));
        var options = new RefinementOptions(small.Model, larger, [small.Selection], [small.Dataset], "xtb:gfn2", "xtb:gfn1", false, 0.1, null, null,
                                            [small.Test], null);
        Assert.Equal(0, RefineCommand.Run(folder, options));
        var record = RoundRecord.Read(folder.Record(1));
        var pool = FragmentPool.Read(folder.Pool(RefinementPlan.Read(folder.Plan)));
        var selection = SelectionFile.Read(folder.Selection(1));
        Assert.True(record.Selection.Outside > 0);
        Assert.InRange(record.LabelledTotal, 1, 0.1 * pool.Count);
        Assert.Equal(selection.SelectedIds().Length, record.LabelledTotal);
        Assert.Equal(record.Chosen, selection.ChosenIds().Length);
        Assert.Single(record.Before);
        Assert.True(record.After[0].FragmentMae > 0 && record.Before[0].FragmentMae > 0);
        Assert.NotEqual(FragmentModelFile.Read(small.Model).Types.First().Members[0].Parameters, FragmentModelFile.Read(folder.Model(1)).Types.First().Members[0].Parameters);
        Assert.Contains("after round 1", File.ReadAllText(folder.Report));

        // A round cut short after labelling: its labels stay, so running again computes none.
        var labels = new LabelStore(folder.Labels, create: false);
        var stored = labels.Get(Label.High).ToDictionary(p => p.Key, p => p.Value.CreatedUtc);
        var selectionBytes = File.ReadAllBytes(folder.Selection(1));
        File.Delete(folder.Record(1));
        File.Delete(folder.Model(1));
        Assert.Equal(0, RefineCommand.Run(folder, options with { Model = null, Frames = null, Known = [], Replay = [], Low = null, High = null, Tests = [] }));
        Assert.Equal(stored, new LabelStore(folder.Labels, create: false).Get(Label.High).ToDictionary(p => p.Key, p => p.Value.CreatedUtc));
        Assert.Equal(selectionBytes, File.ReadAllBytes(folder.Selection(1)));
        Assert.Equal(1, folder.CompletedRounds());

        var e = Assert.Throws<ArgumentException>(() => RefineCommand.Run(folder, options with { Seed = 7 }));
        Assert.Contains("--seed: 1 (first round) -> 7 (now)", e.Message);
        Assert.False(Directory.Exists(folder.RoundFolder(2)));

        // The next round knows the first round's cells, so it chooses other fragments; what it labels may change (budget, pick),
        // and its summary and the report say what it used, while the plan keeps the first round's.
        Assert.Equal(0, RefineCommand.Run(folder, options with { Pick = RepresentativePick.Spread, Budget = 0.08 }));
        Assert.Equal(new RefinementSettings(0.08, 4000, 1, Pick: RepresentativePick.Spread), RoundRecord.Read(folder.Record(2)).Selection.Settings);
        Assert.Equal(0.1, RefinementPlan.Read(folder.Plan).Selection.Budget);
        Assert.Contains("| 0.080, spread |", File.ReadAllText(folder.Report));
        Assert.Contains("| 0.100, nearest |", File.ReadAllText(folder.Report));
        Assert.Equal(2, folder.CompletedRounds());
        var second = SelectionFile.Read(folder.Selection(2));
        Assert.Empty(second.ChosenIds().Intersect(selection.ChosenIds()));
        Assert.True(RoundRecord.Read(folder.Record(2)).Selection.Outside < record.Selection.Outside);
        Assert.Equal(RoundRecord.Read(folder.Record(1)).After[0].FragmentMae, RoundRecord.Read(folder.Record(2)).Before[0].FragmentMae);
    }
}
