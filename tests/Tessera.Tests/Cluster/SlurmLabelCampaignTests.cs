using System.Diagnostics;
using System.Globalization;
using Tessera.Cli;
using Tessera.Cluster;
using Tessera.Data;
using Tessera.Tests.BadInput;
using Tessera.Tests.Data;
using Xunit.Abstractions;

namespace Tessera.Tests.Cluster;

/// <summary>`tessera label submit|status|collect` on a real one-node Slurm (<see cref="LocalSlurm"/>): job arrays of
/// four tasks labelling water monomers and dimers with the xtb program (GFN2 low, GFN1 high, with forces), and one
/// psi4 water. The collected labels must equal a local `tessera label` run's bit for bit; a task cancelled with
/// scancel and one whose tessera process gets SIGKILL must lose no stored label, and the resubmission must run only
/// those two tasks and compute only what they had not stored.</summary>
[Trait("Category", "Engines")]
public class SlurmLabelCampaignTests(LocalSlurm slurm, ITestOutputHelper output) : IClassFixture<LocalSlurm>
{
    private static readonly string[] Levels = ["--low", "xtb:gfn2", "--high", "xtb:gfn1", "--gradients", "--chunk", "1"];

    [LocalSlurmFact]
    public void Four_task_array_with_a_cancelled_and_a_killed_task_resubmitted_collects_the_labels_of_a_local_run()
    {
        // 36 fragments (24 monomers, 12 dimers), 9 per task: a task takes long enough (18 calculations) to be caught midway by
        // the 20 ms poll even with the native program, whose tasks start with no JIT (with 18 fragments they all ended first).
        using var selected = new SelectedPool(TestPools.Water(12));
        string dir = selected.Dir;
        var clock = Stopwatch.StartNew();
        Cli(dir, 0, ["label", "pool.extxyz.gz", "--selection", "selection.json", .. Levels, "--labels", "local.sqlite"]);
        double local = clock.Elapsed.TotalSeconds;
        var expected = Labels(Path.Combine(dir, "local.sqlite"));
        Assert.Equal(36, expected[Label.Low].Count);

        // A clean array: timed against the local run, collected, equal.
        clock.Restart();
        var clean = Submit(dir, "clean");
        Assert.Contains("Submitted job", clean);
        var cleanFolder = new CampaignFolder(Path.Combine(dir, "clean"));
        WaitUntil(() => Tasks(cleanFolder).All(t => t.Finished && !t.Queued), 240, "the clean array to finish");
        double array = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"36 fragments x 2 levels with forces: local `tessera label` {local:F1} s, 4-task Slurm array on 2 CPUs {array:F1} s (submit to last task done)"));
        Assert.Equal(0, Cli(dir, 0, ["label", "collect", "clean", "--labels", "clean.sqlite"]).ExitCode);
        AssertSame(expected, Labels(Path.Combine(dir, "clean.sqlite")));

        // The same array, one task cancelled and one task's tessera killed with SIGKILL, each midway.
        var folder = new CampaignFolder(Path.Combine(dir, "campaign"));
        Submit(dir, "campaign");
        var jobId = folder.Read().Submissions.Single().JobId;
        // Both victims are picked in one poll, while the first two tasks run side by side: picked one after the other,
        // on a fast machine every other task had finished by the time the scancel had landed (CI, 2026-12-02).
        var (killed, cancelled) = TwoMidway(folder);
        Process.GetProcessById(TesseraProcess(folder, killed)).Kill(); // SIGKILL, the tessera process only: its batch script carries on
        slurm.Run("scancel", $"{jobId}_{cancelled}");
        WaitUntil(() => !Tasks(folder)[cancelled].Queued, 60, $"task {cancelled} to leave the queue after scancel");
        WaitUntil(() => Tasks(folder).All(t => !t.Queued), 240, "the array to leave the queue");
        var afterKills = Tasks(folder);
        Assert.Equal(CampaignTaskState.Stopped, afterKills[cancelled].State);
        Assert.Equal(CampaignTaskState.Failed, afterKills[killed].State);
        Assert.Equal(137, afterKills[killed].ExitStatus);
        Assert.Equal(2, afterKills.Count(t => t.State == CampaignTaskState.Done));
        var kept = Enumerable.Range(0, 4).ToDictionary(i => i, i => Labels(folder.Store(i)));
        foreach (int t in new[] { cancelled, killed })
        {
            int stored = kept[t].Values.Sum(l => l.Count), wanted = 2 * folder.Read().Shards[t].Length;
            output.WriteLine($"task {t} ({(t == cancelled ? "scancel" : "kill -9")}): {stored} of {wanted} labels stored when it stopped");
            Assert.InRange(stored, 1, wanted - 1);
        }
        var status = Cli(dir, 0, ["label", "status", "campaign"]).Stdout;
        output.WriteLine(status);
        Assert.Contains($"task {cancelled}: left the queue unfinished without an exit status", status);
        Assert.Contains($"task {killed}: tessera label exited with 137", status);
        Assert.Contains("2 done, 1 failed, 1 stopped", status);
        var incomplete = Cli(dir, 1, ["label", "collect", "campaign", "--labels", "campaign.sqlite"]);
        Assert.Contains($"task {cancelled}:", incomplete.Stderr);
        Assert.Contains("not complete", incomplete.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "campaign.sqlite")));

        // Resubmit: only the two unfinished tasks run; every stored label stays as it was.
        var again = Submit(dir, "campaign");
        var resubmitted = folder.Read().Submissions[^1];
        Assert.Equal(new[] { cancelled, killed }.Order(), resubmitted.Tasks.Order());
        Assert.Contains($"2 finished", again);
        WaitUntil(() => Tasks(folder).All(t => t.Finished && !t.Queued), 240, "the resubmitted tasks to finish");
        for (int i = 0; i < 4; i++)
        {
            var now = Labels(folder.Store(i));
            foreach (var (level, labels) in kept[i])
                foreach (var (id, before) in labels)
                    Assert.True(now[level][id].CreatedUtc == before.CreatedUtc && now[level][id].Energy == before.Energy,
                                $"task {i}: the {level} label of fragment {id} was computed again");
        }
        Assert.Contains("Every task has finished", Submit(dir, "campaign"));
        Assert.Equal(2, folder.Read().Submissions.Count);
        Assert.Equal(0, Cli(dir, 0, ["label", "collect", "campaign", "--labels", "campaign.sqlite"]).ExitCode);
        AssertSame(expected, Labels(Path.Combine(dir, "campaign.sqlite")));
    }

    [LocalSlurmFact]
    public void Psi4_water_labelled_by_an_array_task_equals_a_local_run()
    {
        using var selected = new SelectedPool(TestPools.Water(1).Take(1).ToList());
        string dir = selected.Dir;
        string[] psi4 = ["--high", "psi4:scf/sto-3g", "--gradients"];
        Cli(dir, 0, ["label", "pool.extxyz.gz", "--selection", "selection.json", .. psi4, "--labels", "local.sqlite"]);
        var submitted = Cli(dir, 0, ["label", "submit", "pool.extxyz.gz", "--selection", "selection.json", .. psi4, "--tasks", "1",
                                     "--campaign", "campaign", "--psi4-threads", "1", "--psi4-memory", "500 MB", "--time", "10", "--mem", "1G"]).Stdout;
        Assert.Contains("Submitted job", submitted);
        var folder = new CampaignFolder(Path.Combine(dir, "campaign"));
        var script = File.ReadAllText(folder.Script);
        Assert.Contains("#SBATCH --time=10", script);
        Assert.Contains("#SBATCH --mem=1G", script);
        Assert.Contains("'psi4:scf/sto-3g;threads=1;memory=500 MB'", script);
        WaitUntil(() => Tasks(folder).All(t => t.Finished && !t.Queued), 240, "the psi4 task to finish");
        Assert.Equal(0, Cli(dir, 0, ["label", "collect", "campaign", "--labels", "campaign.sqlite"]).ExitCode);
        var got = Labels(Path.Combine(dir, "campaign.sqlite"));
        Assert.Equal("psi4", Assert.Single(got[Label.High].Values).Engine.Program);
        AssertSame(Labels(Path.Combine(dir, "local.sqlite")), got);
    }

    private string Submit(string dir, string campaign) =>
        Cli(dir, 0, ["label", "submit", "pool.extxyz.gz", "--selection", "selection.json", .. Levels, "--tasks", "4", "--campaign", campaign]).Stdout;

    private CliProcess.Outcome Cli(string dir, int exitCode, string[] args)
    {
        var o = CliProcess.Run(dir, args, TimeSpan.FromSeconds(300), slurm.Env);
        Assert.True(o.ExitCode == exitCode, $"tessera {string.Join(' ', args)}: exit {o.ExitCode}, expected {exitCode}\n{o.Stderr}\n{o.Stdout}");
        return o;
    }

    private static IReadOnlyList<CampaignTask> Tasks(CampaignFolder folder)
    {
        var campaign = folder.Read();
        return CampaignTask.All(campaign, folder, SlurmCommands.Queue(folder.Path));
    }

    /// <summary>Two running tasks that have each stored some but not all of their labels, seen in the same poll (every
    /// 20 ms; each task stores one label per xtb calculation, --chunk 1).</summary>
    private static (int First, int Second) TwoMidway(CampaignFolder folder)
    {
        var seen = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < 120)
        {
            var tasks = Tasks(folder);
            var line = string.Join(" ", tasks.Select(t => $"{t.Task}:{t.State}:{string.Join('/', t.Levels.Select(l => l.Ok))}"));
            if (seen.Count == 0 || seen[^1] != line) seen.Add(line);
            // Some labels stored and at least three calculations to go, so the task is still midway when the signal lands.
            var midway = tasks.Where(t => t.State == CampaignTaskState.Running
                                          && t.Levels.Sum(l => l.Ok) is var ok && ok > 0 && ok <= 2 * t.Fragments - 3).ToList();
            if (midway.Count >= 2) return (midway[0].Task, midway[1].Task);
            Thread.Sleep(20);
        }
        throw new Xunit.Sdk.XunitException("no two running tasks with some labels stored within 120 s; states seen: " + string.Join(" | ", seen));
    }

    /// <summary>The tessera process of a task: the one whose command line writes that task's store in the campaign folder.</summary>
    private static int TesseraProcess(CampaignFolder folder, int task)
    {
        foreach (var proc in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)))
        {
            try
            {
                var args = File.ReadAllText($"/proc/{proc}/cmdline").Split('\0');
                var cwd = new DirectoryInfo($"/proc/{proc}/cwd").ResolveLinkTarget(false)?.FullName;
                if (args.Contains("label") && args.Contains($"task-{task}.sqlite") && cwd == folder.Path) return int.Parse(proc!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // a process that just ended
        }
        throw new Xunit.Sdk.XunitException($"no tessera process of task {task} found");
    }

    private static void WaitUntil(Func<bool> condition, double seconds, string what, double poll = 0.2)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds) throw new Xunit.Sdk.XunitException($"timed out after {seconds} s waiting for {what}");
            Thread.Sleep(TimeSpan.FromSeconds(poll));
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<long, Label>> Labels(string store)
    {
        if (!File.Exists(store)) return new() { [Label.Low] = new Dictionary<long, Label>(), [Label.High] = new Dictionary<long, Label>() };
        var s = new LabelStore(store, create: false);
        return new() { [Label.Low] = s.Get(Label.Low), [Label.High] = s.Get(Label.High) };
    }

    private static void AssertSame(Dictionary<string, IReadOnlyDictionary<long, Label>> expected, Dictionary<string, IReadOnlyDictionary<long, Label>> got)
    {
        foreach (var (level, labels) in expected)
        {
            Assert.Equal(labels.Keys.Order(), got[level].Keys.Order());
            foreach (var (id, want) in labels)
            {
                var have = got[level][id];
                Assert.Equal(LabelStatus.Ok, have.Status);
                Assert.Equal(want.Engine, have.Engine);
                Assert.True(want.Energy == have.Energy, $"{level} energy of fragment {id}: {have.Energy} instead of {want.Energy}");
                Assert.Equal(want.Forces, have.Forces);
            }
        }
    }
}
