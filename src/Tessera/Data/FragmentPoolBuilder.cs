using Tessera.Core;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Data;

/// <summary>Progress of pool building: frames fragmented of the total.</summary>
public readonly record struct PoolProgress(int FramesDone, int Frames, long Fragments);

/// <summary>Builds a fragment pool: every simplex (rank 0..R) of every frame's fragmentation as a pool member,
/// keyed by the fragmentation's type key, with its source frame, atom map and per-atom unit index. Ids run
/// over frames in order, then simplices in the complex's order, so the same frames and settings give the
/// same pool.</summary>
public static class FragmentPoolBuilder
{
    /// <summary>Info key recording the fragmentation settings in every member.</summary>
    public const string SettingsKey = "fragmentation";

    public static List<PoolFragment> Build(IReadOnlyList<Structure> frames, FragmentSettings settings, CancellationToken ct = default,
                                           IProgress<PoolProgress>? progress = null)
    {
        settings.Validated();
        var perFrame = new PoolFragment[frames.Count][];
        int done = 0;
        long count = 0;
        try
        {
            Parallel.For(0, frames.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = settings.MaxParallelism }, f =>
            {
                try { perFrame[f] = FragmentsOf(frames[f], f, settings, ct); }
                catch (FragmentationException e) { throw new ArgumentException($"frame {f} ({frames[f].Formula}, charge {frames[f].Charge}): {e.Message}", e); }
                progress?.Report(new PoolProgress(Interlocked.Increment(ref done), frames.Count, Interlocked.Add(ref count, perFrame[f].Length)));
            });
        }
        catch (AggregateException e)
        {
            // Report the earliest frame that failed, as a serial loop would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions.OrderBy(x => x.Message, StringComparer.Ordinal).First()).Throw();
        }
        var pool = new List<PoolFragment>(perFrame.Sum(p => p.Length));
        long id = 0;
        foreach (var members in perFrame)
            foreach (var m in members) pool.Add(m with { Id = id++ });
        return pool;
    }

    private static PoolFragment[] FragmentsOf(Structure frame, long index, FragmentSettings settings, CancellationToken ct)
    {
        var fragmentation = Fragmentation.Create(frame, settings, ct);
        var result = new PoolFragment[fragmentation.Complex.Simplices.Count];
        var text = settings.ToString();
        for (int i = 0; i < result.Length; i++)
        {
            var fragment = fragmentation.BuildFragment(i);
            // Type and units first, then the settings: the key order pool files have always had.
            var s = fragment.Structure.Clone();
            FragmentSchema.WriteIdentity(s, fragment.TypeKey, fragment.Rank);
            FragmentSchema.WriteUnits(s, fragment.Units);
            s.Info[SettingsKey] = text;
            result[i] = new PoolFragment(-1, fragment.TypeKey, fragment.Rank, index, fragment.AtomMap!, fragment.Units, s).Validated();
        }
        return result;
    }
}
