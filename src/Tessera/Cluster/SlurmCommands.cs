using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Tessera.Cluster;

/// <summary>A queued or running array task as squeue shows it: the array job id, the task index and Slurm's
/// state word (PENDING, RUNNING, COMPLETING, ...).</summary>
public readonly record struct QueuedTask(string JobId, int Task, string State);

/// <summary>The Slurm client programs Tessera calls: <c>sbatch</c> to submit an array, <c>squeue</c> to see which of
/// its tasks are still queued or running. They read SLURM_CONF and the rest of the environment as usual.</summary>
public static class SlurmCommands
{
    /// <summary>Submits <paramref name="script"/> as an array of <paramref name="tasks"/>; returns the job id.</summary>
    public static string Submit(string script, IReadOnlyList<int> tasks)
    {
        var output = Run("sbatch", ["--parsable", $"--array={string.Join(',', tasks)}", script]);
        var id = output.Trim().Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id
            : throw new SlurmException($"sbatch answered '{output.Trim()}' instead of a job id.");
    }

    /// <summary>The current user's queued and running array tasks whose job runs in <paramref name="workDir"/> (a campaign's
    /// folder: its script sets <c>--chdir</c>), whoever submitted them: this program or the user by hand. Tasks are
    /// named by array job id (%F: a running task has a job id of its own, %A) and index; finished ones are no longer listed.</summary>
    public static IReadOnlyList<QueuedTask> Queue(string workDir)
    {
        var output = Run("squeue", ["--noheader", "--array", "--user", Environment.UserName, "--format", "%F|%K|%T|%Z"]);
        var tasks = new List<QueuedTask>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', 4);
            if (parts.Length != 4) throw new SlurmException($"squeue printed '{line}', not 'job|task|state|folder'.");
            if (parts[3] == workDir && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int task))
                tasks.Add(new QueuedTask(parts[0], task, parts[2]));
        }
        return tasks;
    }

    private static string Run(string program, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi) ?? throw new SlurmException($"{program} could not be started."); }
        catch (Win32Exception e)
        {
            throw new SlurmException($"{program} is not on the PATH: run this on a machine of the Slurm cluster (a login node), " +
                                     "or install the Slurm client programs (Debian: apt-get install slurm-client).", e);
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                p.Kill();
                throw new SlurmException($"{program} did not answer within 120 s: is the Slurm controller reachable?");
            }
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new SlurmException($"{program} {string.Join(' ', args)} failed (exit {p.ExitCode}): {stderr.Result.Trim()}");
            return stdout.Result;
        }
    }
}
