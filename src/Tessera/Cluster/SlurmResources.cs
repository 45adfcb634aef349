using System.Text.RegularExpressions;

namespace Tessera.Cluster;

/// <summary>What each array task asks Slurm for: job name, partition, account, time limit ("MM", "HH:MM:SS",
/// "D-HH:MM" ..., or UNLIMITED), CPUs and memory per task ("4G"), and extra <c>#SBATCH</c> lines (e.g. "--qos=long"), written
/// as given. Null: the cluster's default.</summary>
public sealed partial record SlurmResources(string JobName, string? Partition, string? Account, string? Time, int CpusPerTask,
                                            string? Memory, IReadOnlyList<string> ExtraLines)
{
    /// <exception cref="ArgumentException">A value sbatch would refuse or misread, naming the option.</exception>
    public SlurmResources Validated()
    {
        Word("--job-name", JobName);
        if (Partition is not null) Word("--partition", Partition);
        if (Account is not null) Word("--account", Account);
        if (Time is not null && !TimePattern().IsMatch(Time))
            throw new ArgumentException($"--time '{Time}' is not a Slurm time limit (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED).");
        if (CpusPerTask < 1) throw new ArgumentException($"--cpus-per-task must be at least 1, got {CpusPerTask}.");
        if (Memory is not null && !MemoryPattern().IsMatch(Memory))
            throw new ArgumentException($"--mem '{Memory}' is not a Slurm memory size (a whole number with an optional unit K, M, G or T, e.g. 4G).");
        foreach (var line in ExtraLines)
            if (line.Length == 0 || line.Contains('\n') || line.Contains('\r') || !line.TrimStart().StartsWith('-'))
                throw new ArgumentException($"--sbatch '{line}' is not one sbatch option (one line starting with '-', e.g. '--qos=long'; it is written after '#SBATCH ').");
        return this;
    }

    private static void Word(string option, string value)
    {
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"'))
            throw new ArgumentException($"{option} '{value}' must be one word without spaces or quotes.");
    }

    [GeneratedRegex(@"^(\d+-\d{1,2}(:\d{1,2}(:\d{1,2})?)?|\d+(:\d{1,2}(:\d{1,2})?)?|UNLIMITED|INFINITE)$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^\d+[KMGT]?$")]
    private static partial Regex MemoryPattern();
}
