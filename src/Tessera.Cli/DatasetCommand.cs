using System.CommandLine;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera dataset POOL --selection S [--labels L] -o dataset.extxyz.gz</c>: the labelled selection as extxyz
/// with E_low, E_high, delta, forces and provenance in every frame.</summary>
public sealed class DatasetCommand : ICliCommand
{
    public Command Build()
    {
        var pool = new Argument<string>("pool") { Description = "Fragment pool file" };
        var selection = new Option<string>("--selection") { Description = "Selection file", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Label store (default: labels.sqlite beside the selection)" };
        var output = new Option<string>("--output", "-o") { Description = "Data set file (extxyz[.gz])", DefaultValueFactory = _ => "dataset.extxyz.gz" };
        var cmd = new Command("dataset", "Write the labelled fragments as an extxyz data set with provenance");
        cmd.Arguments.Add(pool);
        foreach (var o in new Option[] { selection, labels, output }) cmd.Options.Add(o);
        cmd.SetAction(pr => Run(pr.GetValue(pool)!, pr.GetValue(selection)!, pr.GetValue(labels), pr.GetValue(output)!));
        return cmd;
    }

    public static int Run(string poolPath, string selectionPath, string? labelsPath, string output) => PipelineCli.Guarded(() =>
    {
        var pool = FragmentPool.Read(poolPath);
        var selection = SelectionFile.Read(selectionPath);
        var store = new LabelStore(labelsPath ?? LabelCommand.DefaultLabels(selectionPath), create: false);
        store.RequirePool(FragmentPool.Fingerprint(pool), Path.GetFileName(poolPath), bind: false);
        var provenance = new DatasetProvenance(PipelineCli.CommandLine(), Path.GetFileName(poolPath), Path.GetFileName(selectionPath),
                                               Path.GetFileName(store.FilePath), DateTime.UtcNow);
        var data = DatasetBuilder.Build(pool, selection, store, provenance);
        if (data.Frames.Count == 0) throw new ArgumentException($"No fragment of {selectionPath} is labelled at both levels in {store.FilePath}.");
        StructureFile.Write(output, data.Frames, StructureFile.ExtXyzFormat);
        Console.WriteLine($"Wrote {data.Frames.Count} labelled fragments to {output}" +
                          (data.Unlabelled.Count > 0 ? $"; {data.Unlabelled.Count} selected not yet labelled at both levels" : "") +
                          (data.Failed.Count > 0 ? $"; {data.Failed.Count} left out because a calculation failed (see the label store)" : ""));
        return 0;
    });
}
