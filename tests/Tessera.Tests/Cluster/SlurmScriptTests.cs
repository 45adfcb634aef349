using System.Diagnostics;
using Tessera.Cluster;

namespace Tessera.Tests.Cluster;

/// <summary>The sbatch script of a campaign, its resources' checks and the settings a resubmission must repeat
/// (no Slurm needed).</summary>
public class SlurmScriptTests
{
    private static readonly CampaignLabelling Labelling =
        new("/data/it's here/pool.extxyz.gz", "abc", "/data/sel.json", "xtb:gfn2", "psi4:mp2/cc-pvdz", Gradients: true, NoRetry: false,
            Tasks: 4, Chunk: 8, Workers: 2, RetryFailed: false, Psi4Threads: 2, Psi4Memory: "3 GB");

    private static LabelCampaign Campaign(SlurmResources resources) =>
        new(LabelCampaign.CurrentFormat, "test", DateTime.UnixEpoch, Labelling, "tessera", resources, [[0], [1], [2], [3]], []);

    [Fact]
    public void Script_asks_for_every_resource_and_runs_each_shard_into_its_own_store()
    {
        var folder = new CampaignFolder("/scratch/campaign");
        var script = SlurmScript.Render(Campaign(new SlurmResources("w21", "long", "chem42", "1-12:00:00", 4, "8G", ["--qos=high", "--constraint=avx2"])), folder);
        var lines = script.Split('\n');
        foreach (var want in new[] { "--job-name=w21", "--array=0-3", "--output=/scratch/campaign/task-%a.log", "--cpus-per-task=4", "--partition=long",
                                     "--account=chem42", "--time=1-12:00:00", "--mem=8G", "--qos=high", "--constraint=avx2" })
            Assert.Contains("#SBATCH " + want, lines);
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH")) < firstCommand, "an #SBATCH line after the first command is ignored by sbatch");
        var label = Assert.Single(lines, l => l.StartsWith("tessera label "));
        Assert.StartsWith("tessera label '/data/it'\\''s here/pool.extxyz.gz' --selection '/data/sel.json' --shard \"$task/4\" --labels \"task-$task.sqlite\"", label);
        Assert.Contains("--low 'xtb:gfn2' --high 'psi4:mp2/cc-pvdz;threads=2;memory=3 GB' --gradients --chunk 8 --workers 2", label);
        Assert.Contains("mv -f \"task-$task.exit.tmp\" \"task-$task.exit\"", script);
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true })!;
        bash.StandardInput.Write(script);
        bash.StandardInput.Close();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"bash -n: {bash.StandardError.ReadToEnd()}");
    }

    [Theory]
    [InlineData("--time", "90 minutes")]
    [InlineData("--mem", "8 GB")]
    [InlineData("--partition", "a b")]
    [InlineData("--sbatch", "qos=long")]
    public void Resources_sbatch_would_refuse_are_named(string option, string value)
    {
        var r = new SlurmResources("tessera-label", null, null, null, 1, null, []);
        r = option switch
        {
            "--time" => r with { Time = value },
            "--mem" => r with { Memory = value },
            "--partition" => r with { Partition = value },
            _ => r with { ExtraLines = [value] },
        };
        var e = Assert.Throws<ArgumentException>(() => r.Validated());
        Assert.Contains(option, e.Message);
        Assert.Contains(value, e.Message);
    }

    [Fact]
    public void A_resubmission_must_compute_the_same_labels_but_may_run_them_otherwise()
    {
        Assert.Empty(Labelling.Differences(Labelling with { Chunk = 1, Workers = 1, RetryFailed = true, Psi4Threads = 8, Psi4Memory = "20 GB" }));
        var d = Labelling.Differences(Labelling with { High = "psi4:ccsd/cc-pvdz", Tasks = 8, PoolFingerprint = "def" });
        Assert.Equal(3, d.Count);
        Assert.Contains("--high: was psi4:mp2/cc-pvdz, now psi4:ccsd/cc-pvdz", d);
        Assert.Contains("--tasks: was 4, now 8", d);
        Assert.Contains(d, x => x.StartsWith("pool content"));
    }
}
