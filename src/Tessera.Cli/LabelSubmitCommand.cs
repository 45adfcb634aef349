using System.CommandLine;
using Tessera.Cluster;
using Tessera.Core;
using Tessera.Data;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>Options of <c>tessera label submit</c>: what to label (as <c>tessera label</c>), the campaign folder, the
/// number of array tasks, and the Slurm resources of each task.</summary>
public sealed record LabelSubmitOptions(string Pool, string Selection, string? Low, string? High, int Tasks, bool Gradients = false, int Workers = 1,
                                        int Chunk = 16, bool RetryFailed = false, bool NoRetry = false, string? Campaign = null,
                                        string? Partition = null, string? Account = null, string? Time = null, int CpusPerTask = 1, string? Memory = null,
                                        int? Psi4Threads = null, string? Psi4Memory = null, IReadOnlyList<string>? Sbatch = null,
                                        string JobName = "tessera-label", string? Tessera = null, bool DryRun = false);

/// <summary><c>tessera label submit POOL --selection S --low .. --high .. --tasks N [slurm options]</c>: splits the selection
/// into N shards (<see cref="LabelShards"/>) and submits one sbatch job array whose task i runs <c>tessera label --shard i/N</c>
/// into its own store in the campaign folder. Run again, it resubmits only the tasks that are neither finished nor
/// queued; their stores are the resume points, so finished labels are never computed again.</summary>
public sealed class LabelSubmitCommand : ICliCommand
{
    public Command Build()
    {
        var o = new LabelCliOptions();
        var tasks = new Option<int>("--tasks", "-n") { Description = "Array tasks: the selection is split into this many shards, one per task", Required = true }.AtLeast(1);
        var campaign = new Option<string?>("--campaign") { Description = "Campaign folder on a file system every node sees (default: label-campaign beside the selection)" };
        var partition = new Option<string?>("--partition", "-p") { Description = "Slurm partition (default: the cluster's)" };
        var account = new Option<string?>("--account", "-A") { Description = "Slurm account to charge" };
        var time = new Option<string?>("--time", "-t") { Description = "Time limit per task (MM, HH:MM:SS, D-HH:MM, ...)" };
        var cpus = new Option<int>("--cpus-per-task", "-c") { Description = "CPUs per task (also OMP_NUM_THREADS)", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var memory = new Option<string?>("--mem") { Description = "Memory per task, e.g. 4G" };
        var psi4Threads = new Option<int?>("--psi4-threads") { Description = "psi4 threads per calculation (added to psi4 engine specs)" }.AtLeast(1);
        var psi4Memory = new Option<string?>("--psi4-memory") { Description = "psi4 memory per calculation, e.g. '3 GB' (added to psi4 engine specs)" };
        var sbatch = new Option<string[]>("--sbatch") { Description = "An extra #SBATCH line, e.g. '--qos=long'; repeat for several", AllowMultipleArgumentsPerToken = false };
        var jobName = new Option<string>("--job-name") { Description = "Slurm job name", DefaultValueFactory = _ => "tessera-label" };
        var tessera = new Option<string?>("--tessera") { Description = "Command the tasks run tessera with, as a shell command (default: this program)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the campaign and its sbatch script, and print the sbatch command, without submitting" };
        var cmd = new Command("submit", "Label on a Slurm cluster: one job array, each task labelling its shard of the selection into its own store in the campaign folder. " +
                                        "Run the same command again to resubmit unfinished tasks (finished labels are kept)");
        o.AddTo(cmd);
        foreach (var x in new Option[] { tasks, campaign, partition, account, time, cpus, memory, psi4Threads, psi4Memory, sbatch, jobName, tessera, dryRun })
            cmd.Options.Add(x);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(new LabelSubmitOptions(pr.GetValue(o.Pool)!, pr.GetValue(o.Selection)!, pr.GetValue(o.Low), pr.GetValue(o.High),
            pr.GetValue(tasks), pr.GetValue(o.Gradients), pr.GetValue(o.Workers), pr.GetValue(o.Chunk), pr.GetValue(o.RetryFailed), pr.GetValue(o.NoRetry),
            pr.GetValue(campaign), pr.GetValue(partition), pr.GetValue(account), pr.GetValue(time), pr.GetValue(cpus), pr.GetValue(memory),
            pr.GetValue(psi4Threads), pr.GetValue(psi4Memory), pr.GetValue(sbatch), pr.GetValue(jobName)!, pr.GetValue(tessera), pr.GetValue(dryRun)))));
        return cmd;
    }

    /// <summary>Default campaign folder: label-campaign in the selection file's folder.</summary>
    public static string DefaultCampaign(string selection) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(selection))!, "label-campaign");

    public static int Run(LabelSubmitOptions o) => PipelineCli.Guarded(() =>
    {
        var resources = new SlurmResources(o.JobName, o.Partition, o.Account, o.Time, o.CpusPerTask, o.Memory, o.Sbatch ?? []).Validated();
        LabelSettings.Create(o.Gradients, o.Workers, o.Chunk, o.RetryFailed);
        var (pool, _, selected) = LabelCommand.ReadSelected(o.Pool, o.Selection);
        var labelling = new CampaignLabelling(Path.GetFullPath(o.Pool), FragmentPool.Fingerprint(pool), Path.GetFullPath(o.Selection), o.Low, o.High,
                                              o.Gradients, o.NoRetry, o.Tasks, o.Chunk, o.Workers, o.RetryFailed, o.Psi4Threads, o.Psi4Memory?.Trim());
        LabelCommand.CheckEngines(o.Low is null ? null : labelling.TaskSpec(o.Low), o.High is null ? null : labelling.TaskSpec(o.High));
        if (o.Tasks > selected.Length)
            throw new ArgumentException($"--tasks {o.Tasks} is more than the {selected.Length} fragments selected in {o.Selection}: every task needs at least one; use at most {selected.Length}.");
        var folder = new CampaignFolder(o.Campaign ?? DefaultCampaign(o.Selection));
        var before = folder.Exists ? folder.Read() : null;
        if (before is not null && before.Labelling.Differences(labelling) is { Count: > 0 } differences)
            throw new ArgumentException($"The campaign in {folder.Path} was submitted to compute other labels ({string.Join("; ", differences)}). " +
                                        "Resubmit with its settings to continue it, or give a new --campaign folder.");
        var shards = Enumerable.Range(0, o.Tasks).Select(k => LabelShards.Of(selected, k, o.Tasks).Select(f => f.Id).ToArray()).ToArray();
        var campaign = new LabelCampaign(LabelCampaign.CurrentFormat, TesseraVersion.Current, before?.CreatedUtc ?? DateTime.UtcNow, labelling,
                                         o.Tessera ?? ThisProgram(), resources, shards, before?.Submissions ?? []);
        var queue = o.DryRun ? LabelStatusCommand.QueueOrNotice(folder) : SlurmCommands.Queue(folder.Path);
        var states = CampaignTask.All(campaign, folder, queue);
        var todo = states.Where(t => !t.Finished && !t.Queued).Select(t => t.Task).ToArray();
        folder.Write(campaign);
        AtomicFile.WriteAllText(folder.Script, SlurmScript.Render(campaign, folder));
        int done = states.Count(t => t.Finished), queued = states.Count(t => t.Queued);
        Console.WriteLine($"Campaign {folder.Path}: {selected.Length} fragments in {o.Tasks} tasks; {done} finished, {queued} queued or running; script {folder.Script}");
        if (todo.Length == 0)
        {
            Console.WriteLine(done == o.Tasks ? $"Every task has finished: tessera label collect {folder.Path}" : "Nothing to submit: the unfinished tasks are still queued or running.");
            return 0;
        }
        if (o.DryRun)
        {
            Console.WriteLine($"Dry run, nothing submitted. To submit: sbatch --array={string.Join(',', todo)} {folder.Script}");
            return 0;
        }
        var jobId = SlurmCommands.Submit(folder.Script, todo);
        folder.Write(campaign with { Submissions = [.. campaign.Submissions, new SlurmSubmission(jobId, todo, DateTime.UtcNow)] });
        Console.WriteLine($"Submitted job {jobId}: tasks {string.Join(',', todo)}. Follow with: tessera label status {folder.Path}");
        return 0;
    });

    /// <summary>This tessera as a shell command: the program itself, or dotnet and the CLI assembly when run through dotnet.</summary>
    private static string ThisProgram()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which program this is; give --tessera.");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? $"{SlurmScript.Quote(process)} {SlurmScript.Quote(CliAssemblyPath)}"
            : SlurmScript.Quote(process);
    }

    /// <summary>The CLI assembly when run through dotnet: it sits in the application's folder (not
    /// Assembly.Location, which a single-file or NativeAOT build leaves empty; those run as their own program).</summary>
    private static string CliAssemblyPath =>
        Path.Combine(AppContext.BaseDirectory, typeof(LabelSubmitCommand).Assembly.GetName().Name + ".dll");
}
