namespace Tessera.Cluster;

/// <summary>A Slurm command (sbatch, squeue) is missing, refused the request or answered something unreadable;
/// the message names the command and carries Slurm's own words.</summary>
public sealed class SlurmException(string message, Exception? inner = null) : Exception(message, inner);
