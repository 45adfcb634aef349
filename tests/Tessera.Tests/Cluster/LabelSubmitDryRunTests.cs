using Tessera.Cli;
using Tessera.Cluster;
using Tessera.Data;
using Tessera.Tests.BadInput;
using Tessera.Tests.Data;

namespace Tessera.Tests.Cluster;

/// <summary>`tessera label submit --dry-run` (no Slurm needed): the campaign folder, its sbatch script and shards, the
/// status of a campaign never submitted, a refused resubmission with other levels, and `tessera label --shard`.</summary>
public class LabelSubmitDryRunTests
{
    private static readonly string[] Submit =
        ["label", "submit", "pool.extxyz.gz", "--selection", "selection.json", "--low", "xtb:gfn2", "--tasks", "3", "--dry-run", "--campaign", "camp"];

    [Fact]
    public void Dry_run_writes_the_campaign_and_a_resubmission_with_other_levels_is_refused()
    {
        using var selected = new SelectedPool(TestPools.Water(3));
        string dir = selected.Dir;
        var first = CliProcess.Run(dir, Submit);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("sbatch --array=0,1,2 ", first.Stdout);
        var folder = new CampaignFolder(Path.Combine(dir, "camp"));
        var campaign = folder.Read();
        Assert.Empty(campaign.Submissions);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), campaign.Shards.SelectMany(s => s).Order());
        Assert.Contains("--shard \"$task/3\"", File.ReadAllText(folder.Script));

        var status = CliProcess.Run(dir, ["label", "status", "camp"]);
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("3 tasks: 3 not submitted; 0 of 9 labels stored.", status.Stdout);

        var other = CliProcess.Run(dir, [.. Submit, "--high", "xtb:gfn1"]);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("--high: was (none), now xtb:gfn1", other.Stderr);
        Assert.Contains(folder.Path, other.Stderr);
        Assert.DoesNotContain("   at ", other.Stderr);

        // What a task runs: shard 1 of 3 into its own store, and nothing else.
        var task = CliProcess.Run(dir, ["label", "pool.extxyz.gz", "--selection", "selection.json", "--low", "xtb:gfn2", "--shard", "1/3", "--labels", "camp/task-1.sqlite"]);
        Assert.True(task.ExitCode == 0, task.Stderr);
        Assert.Equal(campaign.Shards[1].Order(), new LabelStore(folder.Store(1), create: false).Get(Label.Low).Keys.Order());
        Assert.Contains("1 done, 2 not submitted; 3 of 9 labels stored.", CliProcess.Run(dir, ["label", "status", "camp"]).Stdout);
        var collect = CliProcess.Run(dir, ["label", "collect", "camp"]);
        Assert.Equal(1, collect.ExitCode);
        Assert.Contains("task 0: 3 of 3 low labels missing", collect.Stderr);
    }

    [Fact]
    public void Collect_merges_stored_failures_and_lists_them_with_the_engine_message()
    {
        using var selected = new SelectedPool(TestPools.Water(1));
        string dir = selected.Dir;
        string[] failing = ["--selection", "selection.json", "--low", "xtb:gfn2;iterations=1", "--no-retry"];
        var tmp = new Dictionary<string, string> { ["TMPDIR"] = Directory.CreateDirectory(Path.Combine(dir, "tmp")).FullName }; // kept xtb folders
        Assert.Equal(0, CliProcess.Run(dir, ["label", "submit", "pool.extxyz.gz", .. failing, "--tasks", "2", "--campaign", "camp", "--dry-run"]).ExitCode);
        for (int k = 0; k < 2; k++)
            Assert.Equal(2, CliProcess.Run(dir, ["label", "pool.extxyz.gz", .. failing, "--shard", $"{k}/2", "--labels", $"camp/task-{k}.sqlite"], env: tmp).ExitCode);
        var collect = CliProcess.Run(dir, ["label", "collect", "camp"]);
        Assert.True(collect.ExitCode == 2, $"{collect.Stderr}\n{collect.Stdout}");
        Assert.Contains("Collected 3 labels (3 fragments x 1 levels, each once)", collect.Stdout);
        Assert.Contains("3 calculations failed", collect.Stdout);
        foreach (long id in new long[] { 0, 1, 2 }) Assert.Contains($"fragment {id} low (xtb gfn2", collect.Stdout);
        Assert.Contains("SCF did not converge", collect.Stdout);
        var merged = new LabelStore(Path.Combine(dir, "labels.sqlite"), create: false).Get(Label.Low);
        Assert.All(merged.Values, l => Assert.Equal(LabelStatus.Failed, l.Status));
        Assert.Equal(3, merged.Count);
    }
}
