using Tessera.Data;

namespace Tessera.Cluster;

/// <summary>A failed label found while collecting: the fragment, its level, the task that stored it and the
/// engine's message.</summary>
public sealed record CollectedFailure(int Task, Label Label);

/// <summary>The labels of a campaign read from its task stores, checked against the selection: every selected
/// fragment must have exactly one finished label per level across all stores (a stored failure counts, and is
/// listed in <see cref="Failures"/>). <see cref="Missing"/> lists per task and level how many of its fragments have
/// none; <see cref="Duplicates"/> describes labels found in more than one store or in a store of another shard.</summary>
public sealed record CampaignCollection(IReadOnlyList<Label> Labels, IReadOnlyList<(int Task, string Level, int Count)> Missing,
                                        IReadOnlyList<string> Duplicates, IReadOnlyList<CollectedFailure> Failures)
{
    public bool Complete => Missing.Count == 0 && Duplicates.Count == 0;

    /// <exception cref="LabelStoreException">A task store is unreadable or holds another pool's labels.</exception>
    /// <exception cref="FileFormatException">The campaign's shards do not cover the selection.</exception>
    public static CampaignCollection Read(LabelCampaign campaign, CampaignFolder folder, IReadOnlyCollection<long> selected)
    {
        var l = campaign.Labelling;
        var inShards = campaign.Shards.SelectMany(s => s).ToArray();
        if (inShards.Length != selected.Count || !inShards.ToHashSet().SetEquals(selected))
            throw new IO.FileFormatException(folder.CampaignFile, 1,
                $"its {campaign.Shards.Count} shards hold {inShards.Length} fragment ids, which are not the {selected.Count} selected in {l.Selection} (was the selection changed?)");
        var settings = LabelSettings.Create(l.Gradients);
        var levels = new[] { (Label.Low, l.Low), (Label.High, l.High) }.Where(x => x.Item2 is not null).Select(x => x.Item1).ToArray();
        var labels = new List<Label>();
        var missing = new List<(int, string, int)>();
        var failures = new List<CollectedFailure>();
        var foundIn = new Dictionary<(string Level, long Id), List<int>>();
        for (int task = 0; task < campaign.Shards.Count; task++)
        {
            var shard = campaign.Shards[task].ToHashSet();
            LabelStore? store = null;
            if (File.Exists(folder.Store(task)))
            {
                store = new LabelStore(folder.Store(task), create: false);
                store.RequirePool(l.PoolFingerprint, Path.GetFileName(l.Pool), bind: false);
            }
            foreach (var level in levels)
            {
                var stored = store?.Get(level) ?? new Dictionary<long, Label>();
                int finished = 0;
                foreach (var (id, label) in stored.OrderBy(kv => kv.Key))
                {
                    if (!foundIn.TryGetValue((level, id), out var tasks)) foundIn[(level, id)] = tasks = [];
                    tasks.Add(task);
                    if (!shard.Contains(id) || !Labeller.Finished(label, settings)) continue;
                    finished++;
                    labels.Add(label);
                    if (label.Status == LabelStatus.Failed) failures.Add(new CollectedFailure(task, label));
                }
                if (finished < shard.Count) missing.Add((task, level, shard.Count - finished));
            }
        }
        var shardOf = campaign.Shards.SelectMany((s, i) => s.Select(id => (id, i))).ToDictionary(x => x.id, x => x.i);
        var duplicates = foundIn.Where(kv => kv.Value.Count > 1 || !shardOf.TryGetValue(kv.Key.Id, out int own) || own != kv.Value[0])
            .OrderBy(kv => kv.Key.Id).ThenBy(kv => kv.Key.Level)
            .Select(kv => $"fragment {kv.Key.Id} ({kv.Key.Level}) is stored by task(s) {string.Join(", ", kv.Value)}" +
                          (shardOf.TryGetValue(kv.Key.Id, out int s) ? $" but belongs to task {s}" : " but is not selected"))
            .ToArray();
        return new CampaignCollection(labels, missing, duplicates, failures);
    }
}
