using System.Text;

namespace Tessera.Cluster;

/// <summary>The sbatch script of a campaign: a job array whose task i runs <c>tessera label ... --shard i/N</c>
/// into its own store task-i.sqlite and then records the exit status in task-i.exit (atomically: written beside,
/// then renamed). It runs in the campaign folder (<c>--chdir</c>), by which squeue tells the campaign's jobs apart. The <c>#SBATCH --array</c> line names every task; a resubmission passes the unfinished ones
/// with <c>sbatch --array=LIST</c>, which overrides it.</summary>
public static class SlurmScript
{
    public static string Render(LabelCampaign campaign, CampaignFolder folder)
    {
        var l = campaign.Labelling;
        var r = campaign.Slurm;
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append("# Tessera labelling campaign, written by 'tessera label submit' (campaign.json beside it holds the settings).\n");
        s.Append($"# Array task i labels shard i of {l.Tasks} of the selection into task-i.sqlite in this folder, logs to task-i.log\n");
        s.Append("# and writes its exit status to task-i.exit. Resubmit unfinished tasks with the same 'tessera label submit'\n");
        s.Append("# command (it skips finished and queued tasks), or by hand: sbatch --array=1,3 label.sbatch\n");
        void Directive(string text) => s.Append("#SBATCH ").Append(text).Append('\n');
        Directive($"--job-name={r.JobName}");
        Directive($"--array=0-{l.Tasks - 1}");
        Directive($"--chdir={folder.Path}");
        Directive($"--output={folder.Path}/task-%a.log");
        Directive("--open-mode=append");
        Directive("--ntasks=1");
        Directive($"--cpus-per-task={r.CpusPerTask}");
        if (r.Partition is not null) Directive($"--partition={r.Partition}");
        if (r.Account is not null) Directive($"--account={r.Account}");
        if (r.Time is not null) Directive($"--time={r.Time}");
        if (r.Memory is not null) Directive($"--mem={r.Memory}");
        foreach (var line in r.ExtraLines) Directive(line.Trim());
        s.Append("set -u\n");
        s.Append("task=${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a job array}\n");
        s.Append($"cd {Quote(folder.Path)} || exit 1\n");
        s.Append("rm -f \"task-$task.exit\"\n");
        s.Append("echo \"$(date -u +%Y-%m-%dT%H:%M:%SZ) task $task of job ${SLURM_ARRAY_JOB_ID:-?} on $(hostname)\"\n");
        s.Append("export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}\n");
        s.Append(campaign.TaskCommand).Append(" label ").Append(Quote(l.Pool)).Append(" --selection ").Append(Quote(l.Selection));
        s.Append($" --shard \"$task/{l.Tasks}\" --labels \"task-$task.sqlite\"");
        if (l.Low is not null) s.Append(" --low ").Append(Quote(l.TaskSpec(l.Low)));
        if (l.High is not null) s.Append(" --high ").Append(Quote(l.TaskSpec(l.High)));
        if (l.Gradients) s.Append(" --gradients");
        s.Append($" --chunk {l.Chunk} --workers {l.Workers}");
        if (l.NoRetry) s.Append(" --no-retry");
        if (l.RetryFailed) s.Append(" --retry-failed");
        s.Append('\n');
        s.Append("rc=$?\n");
        s.Append("echo \"$rc\" > \"task-$task.exit.tmp\" && mv -f \"task-$task.exit.tmp\" \"task-$task.exit\"\n");
        s.Append("exit \"$rc\"\n");
        return s.ToString();
    }

    /// <summary>One shell word: single-quoted, with embedded single quotes closed, escaped and reopened.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
