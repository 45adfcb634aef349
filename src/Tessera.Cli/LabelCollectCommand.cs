using System.CommandLine;
using Tessera.Cluster;
using Tessera.Data;

namespace Tessera.Cli;

/// <summary><c>tessera label collect CAMPAIGN [--labels STORE]</c>: merges the task stores of a campaign into one label
/// store, after checking that every selected fragment has exactly one label per level; lists the failed calculations
/// with the engine's message (exit code 2, as <c>tessera label</c>).</summary>
public sealed class LabelCollectCommand : ICliCommand
{
    public Command Build()
    {
        var folder = new Argument<string>("campaign") { Description = "Campaign folder (from 'tessera label submit')" };
        var labels = new Option<string?>("--labels") { Description = "Label store to merge into (default: labels.sqlite beside the selection)" };
        var cmd = new Command("collect", "Merge the task stores of a finished Slurm labelling campaign into one label store. Exit code 2 when some calculation failed");
        cmd.Arguments.Add(folder);
        cmd.Options.Add(labels);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(pr.GetValue(folder)!, pr.GetValue(labels))));
        return cmd;
    }

    public static int Run(string path, string? labelsPath = null) => PipelineCli.Guarded(() =>
    {
        var folder = new CampaignFolder(path);
        var campaign = folder.Read();
        var l = campaign.Labelling;
        var selected = SelectionFile.Read(l.Selection).SelectedIds();
        var collection = CampaignCollection.Read(campaign, folder, selected);
        if (!collection.Complete)
        {
            var missing = collection.Missing.Select(m => $"task {m.Task}: {m.Count} of {campaign.Shards[m.Task].Length} {m.Level} labels missing");
            throw new InvalidOperationException($"Campaign {folder.Path} is not complete, nothing collected. " +
                string.Join("; ", missing.Concat(collection.Duplicates.Take(10))) +
                (collection.Duplicates.Count > 10 ? $"; and {collection.Duplicates.Count - 10} more duplicates" : "") +
                (collection.Missing.Count > 0 ? ". Run the same 'tessera label submit' command again to finish the missing tasks ('tessera label status' shows them), then collect again." : "."));
        }
        var store = new LabelStore(labelsPath ?? LabelCommand.DefaultLabels(l.Selection));
        store.RequirePool(l.PoolFingerprint, Path.GetFileName(l.Pool), bind: true);
        store.RecordRun(PipelineCli.CommandLine(), $"collected from {campaign.Shards.Count} Slurm tasks in {folder.Path}");
        store.Put(collection.Labels);
        int levels = collection.Labels.Select(x => x.Level).Distinct().Count();
        Console.WriteLine($"Collected {collection.Labels.Count} labels ({selected.Length} fragments x {levels} levels, each once) from {campaign.Shards.Count} tasks into {store.FilePath}");
        if (collection.Failures.Count == 0) return 0;
        Console.WriteLine($"{collection.Failures.Count} calculations failed (stored as failures; 'tessera label submit ... --retry-failed' tries them again):");
        foreach (var f in collection.Failures)
            Console.WriteLine($"  fragment {f.Label.FragmentId} {f.Label.Level} ({f.Label.Engine.Program} {f.Label.Engine.Method}, task {f.Task}): {f.Label.Error}");
        return 2;
    });
}
