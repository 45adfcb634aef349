using System.Diagnostics;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>Wraps an engine with a <see cref="ResultCache"/>: a calculation already stored is never run again.
/// Batches compute only the uncached members (in one inner batch) and return the cached ones.</summary>
public sealed class CachedPotential(IEngine inner, ResultCache cache) : IEngine
{
    private long _hits, _misses;

    public IEngine Inner { get; } = inner;
    public ResultCache Cache { get; } = cache;
    public string Name => Inner.Name;
    public EngineIdentity Identity => Inner.Identity;
    public long ProcessStarts => Inner.ProcessStarts;
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces)
    {
        var key = ResultKey.Of(Identity, structure);
        if (Lookup(key, needs) is { } hit) return EngineResults.WithDerived(hit, structure, needs);
        Interlocked.Increment(ref _misses);
        var sw = Stopwatch.StartNew();
        var result = Inner.Compute(structure, needs);
        Cache.Store(key, Identity, structure, result, sw.Elapsed.TotalSeconds);
        return result;
    }

    public IReadOnlyList<BatchItem> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                                 CancellationToken ct = default, IProgress<int>? progress = null)
    {
        var identity = Identity;
        var items = new BatchItem[structures.Count];
        var keys = new string[structures.Count];
        var missing = new List<int>();
        for (int i = 0; i < structures.Count; i++)
        {
            keys[i] = ResultKey.Of(identity, structures[i]);
            if (Lookup(keys[i], needs) is { } hit) items[i] = new BatchItem(EngineResults.WithDerived(hit, structures[i], needs), null, 0, Cached: true);
            else missing.Add(i);
        }
        Interlocked.Add(ref _misses, missing.Count);
        if (missing.Count > 0)
        {
            IReadOnlyList<BatchItem> computed;
            try { computed = Inner.ComputeBatch(missing.Select(i => structures[i]).ToArray(), needs, ct, progress); }
            catch (BatchCancelledException e)
            {
                Store(e.Items); // what finished before the cancellation is never computed again
                throw;
            }
            Store(computed);
            for (int m = 0; m < missing.Count; m++) items[missing[m]] = computed[m];
        }
        return items;

        void Store(IReadOnlyList<IBatchOutcome> computed)
        {
            for (int m = 0; m < missing.Count; m++)
                if (computed[m].Result is { } r) Cache.Store(keys[missing[m]], identity, structures[missing[m]], r, computed[m].WallSeconds);
        }
    }

    private PotentialResult? Lookup(string key, Needs needs)
    {
        if (Cache.TryGet(key) is not { } cached || !cached.Satisfies(needs)) return null;
        Interlocked.Increment(ref _hits);
        return new PotentialResult(cached.Energy, cached.Forces);
    }
}
