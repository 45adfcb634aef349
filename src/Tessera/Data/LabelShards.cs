using System.Globalization;

namespace Tessera.Data;

/// <summary>Splits the selected fragments into shards, one per array task of a labelling campaign: ordered by size
/// (atoms, largest first; then id) and dealt round-robin, so every shard gets a like share of each fragment type
/// and so of the work. The split depends only on the fragments and the shard count, so a task, the status and
/// the collection compute the same shard from the same pool and selection.</summary>
public static class LabelShards
{
    /// <summary>The fragments of shard <paramref name="shard"/> (0-based) of <paramref name="shards"/>, in id order.</summary>
    public static PoolFragment[] Of(IReadOnlyList<PoolFragment> selected, int shard, int shards)
    {
        if (shards < 1) throw new ArgumentException($"The shard count must be at least 1, got {shards}.");
        if (shard < 0 || shard >= shards) throw new ArgumentException($"Shard {shard} is not between 0 and {shards - 1} (shards are numbered from 0).");
        if (shards > selected.Count)
            throw new ArgumentException($"{shards} shards for {selected.Count} selected fragments: each shard needs at least one; use at most {selected.Count}.");
        return selected.OrderByDescending(f => f.Structure.Count).ThenBy(f => f.Id)
                       .Where((_, i) => i % shards == shard).OrderBy(f => f.Id).ToArray();
    }

    /// <summary>"K/N": shard K (0-based) of N.</summary>
    public static (int Shard, int Shards) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 0 && k < n) return (k, n);
        throw new ArgumentException($"'{text}' is not K/N with 0 <= K < N (shard K of N, numbered from 0; e.g. 0/4).");
    }
}
