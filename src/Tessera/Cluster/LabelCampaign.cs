using System.Text.Json.Serialization;

namespace Tessera.Cluster;

/// <summary>What the tasks of a campaign compute: the pool (absolute path and <see cref="Data.FragmentPool.Fingerprint"/>),
/// the selection (absolute path), the engine specs, forces or not, safer-options retries or not, and the number
/// of tasks (shards). A resubmission must bring the same; <see cref="Chunk"/>, <see cref="Workers"/> and
/// <see cref="RetryFailed"/> and the psi4 threads and memory are how the tasks run and may change.</summary>
public sealed record CampaignLabelling(string Pool, string PoolFingerprint, string Selection, string? Low, string? High, bool Gradients,
                                       bool NoRetry, int Tasks, int Chunk, int Workers, bool RetryFailed, int? Psi4Threads = null, string? Psi4Memory = null)
{
    /// <summary>An engine spec as the tasks run it: psi4 specs get the campaign's psi4 threads and memory (they do not
    /// change the numbers, so they are not part of what a resubmission must repeat).</summary>
    public string TaskSpec(string spec)
    {
        if (!spec.TrimStart().StartsWith("psi4", StringComparison.OrdinalIgnoreCase)) return spec;
        return spec + (Psi4Threads is { } t ? $";threads={t}" : "") + (Psi4Memory is { } m ? $";memory={m}" : "");
    }

    /// <summary>How <paramref name="other"/> (a new submit) differs from this one in what the tasks compute, as
    /// "option: was X, now Y" lines; empty when a resubmission may continue this campaign.</summary>
    public IReadOnlyList<string> Differences(CampaignLabelling other)
    {
        var d = new List<string>();
        void Compare(string what, object? was, object? now) { if (!Equals(was, now)) d.Add($"{what}: was {was ?? "(none)"}, now {now ?? "(none)"}"); }
        Compare("pool", Pool, other.Pool);
        if (Pool == other.Pool) Compare("pool content (fingerprint)", PoolFingerprint, other.PoolFingerprint);
        Compare("--selection", Selection, other.Selection);
        Compare("--low", Low, other.Low);
        Compare("--high", High, other.High);
        Compare("--gradients", Gradients, other.Gradients);
        Compare("--no-retry", NoRetry, other.NoRetry);
        Compare("--tasks", Tasks, other.Tasks);
        return d;
    }
}

/// <summary>One <c>sbatch</c> of the campaign: the job id and the array task indices it ran.</summary>
public sealed record SlurmSubmission(string JobId, int[] Tasks, DateTime SubmittedUtc);

/// <summary>A labelling campaign on Slurm, kept as campaign.json in its folder beside the task stores: what the
/// tasks compute, the tessera command line they run (<see cref="TaskCommand"/>), the Slurm resources of the latest
/// submission, the fragment ids of every shard (task i labels <see cref="Shards"/>[i] into its own store) and every
/// submission so far.</summary>
public sealed record LabelCampaign(int FormatVersion, string TesseraVersion, DateTime CreatedUtc, CampaignLabelling Labelling, string TaskCommand,
                                   SlurmResources Slurm, IReadOnlyList<long[]> Shards, IReadOnlyList<SlurmSubmission> Submissions)
{
    public const int CurrentFormat = 1;

    /// <summary>The latest submission that ran <paramref name="task"/>, or null.</summary>
    public SlurmSubmission? LatestFor(int task) => Submissions.LastOrDefault(s => s.Tasks.Contains(task));
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(LabelCampaign))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
