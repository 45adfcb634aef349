using Tessera.Data;

namespace Tessera.Cluster;

/// <summary>Where one array task stands. Done: every fragment of its shard is labelled at every level (failures
/// stored after their retry count as labelled, unless failures are to be retried); Pending and Running: squeue lists
/// it; Failed: its script recorded a non-zero exit status; Stopped: submitted, gone from the queue, unfinished and
/// no exit status (cancelled with scancel, or its script killed); NotSubmitted: no submission ran it yet.</summary>
public enum CampaignTaskState { Done, Running, Pending, Failed, Stopped, NotSubmitted }

/// <summary>Labels stored so far at one level of one task's shard.</summary>
public readonly record struct LevelCount(string Level, int Ok, int Failed);

/// <summary>One array task: its shard size, labels so far per level, its latest job id, queue state and exit status,
/// and <see cref="State"/>. <see cref="Problem"/> says why its store could not be read (the task counts as
/// unfinished).</summary>
public sealed record CampaignTask(int Task, int Fragments, IReadOnlyList<LevelCount> Levels, string? JobId, string? QueueState,
                                  int? ExitStatus, CampaignTaskState State, string? Problem)
{
    public bool Finished => State == CampaignTaskState.Done;
    public bool Queued => State is CampaignTaskState.Pending or CampaignTaskState.Running;

    /// <summary>Every task of the campaign, read from its store, its exit file and <paramref name="queue"/> (the queued and
    /// running tasks of jobs in the campaign folder, <see cref="SlurmCommands.Queue"/>).</summary>
    public static IReadOnlyList<CampaignTask> All(LabelCampaign campaign, CampaignFolder folder, IReadOnlyList<QueuedTask> queue)
    {
        var l = campaign.Labelling;
        var settings = LabelSettings.Create(l.Gradients, retryFailed: l.RetryFailed);
        var levels = new[] { (Label.Low, l.Low), (Label.High, l.High) }.Where(x => x.Item2 is not null).Select(x => x.Item1).ToArray();
        var tasks = new List<CampaignTask>();
        for (int i = 0; i < campaign.Shards.Count; i++)
        {
            var ids = campaign.Shards[i];
            var submission = campaign.LatestFor(i);
            var queued = queue.Where(q => q.Task == i).Select(q => (QueuedTask?)q).FirstOrDefault();
            var counts = new List<LevelCount>();
            bool complete = true;
            string? problem = null;
            try
            {
                var store = File.Exists(folder.Store(i)) ? new LabelStore(folder.Store(i), create: false) : null;
                store?.RequirePool(l.PoolFingerprint, Path.GetFileName(l.Pool), bind: false);
                foreach (var level in levels)
                {
                    var stored = store?.Get(level) ?? new Dictionary<long, Label>();
                    var mine = ids.Select(id => stored.GetValueOrDefault(id)).ToArray();
                    counts.Add(new LevelCount(level, mine.Count(x => x?.Status == LabelStatus.Ok), mine.Count(x => x?.Status == LabelStatus.Failed)));
                    complete &= mine.All(x => Labeller.Finished(x, settings));
                }
            }
            catch (LabelStoreException e)
            {
                problem = e.Message;
                complete = false;
            }
            int? exit = folder.ExitStatus(i);
            var state = complete ? CampaignTaskState.Done
                : queued is { } q ? (q.State is "PENDING" or "CONFIGURING" or "REQUEUED" or "SUSPENDED" ? CampaignTaskState.Pending : CampaignTaskState.Running)
                : submission is null ? CampaignTaskState.NotSubmitted
                : exit is not null ? CampaignTaskState.Failed
                : CampaignTaskState.Stopped;
            tasks.Add(new CampaignTask(i, ids.Length, counts, queued?.JobId ?? submission?.JobId, queued?.State, exit, state, problem));
        }
        return tasks;
    }
}
