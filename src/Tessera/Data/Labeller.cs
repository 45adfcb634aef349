using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Tessera.Core;
using Tessera.Engines;
using Tessera.Potentials;

namespace Tessera.Data;

/// <summary>How to label: forces or energies only, batches at once, geometries per engine batch (psi4 runs
/// a batch in one process, so start-up is paid once per chunk), and whether stored failures are tried again.</summary>
public sealed record LabelSettings(bool Gradients, int Workers, int ChunkSize, bool RetryFailed)
{
    public static LabelSettings Create(bool gradients = false, int workers = 1, int chunkSize = 16, bool retryFailed = false) =>
        new LabelSettings(gradients, workers, chunkSize, retryFailed).Validated();

    public LabelSettings Validated()
    {
        if (Workers < 1) throw new ArgumentException($"Workers must be at least 1, got {Workers}.");
        if (ChunkSize < 1) throw new ArgumentException($"Chunk size must be at least 1, got {ChunkSize}.");
        return this;
    }
}

/// <summary>One level of theory: its name ("low", "high"), its engine (normally cached), and the engine
/// with safer convergence options that a failed calculation is tried once more with (null: no retry).</summary>
public sealed record LabelLevel(string Name, IEngine Engine, IEngine? Safer);

/// <summary>Progress of one level: fragments finished (stored now or before) of the selected total.</summary>
public readonly record struct LabelProgress(string Level, int Done, int Total, int Failed, int Skipped);

/// <summary>What a run did at one level. <see cref="Skipped"/> were already in the store; <see cref="Labelled"/> were
/// stored now, <see cref="CacheHits"/> of them from the engine's result cache (no calculation ran); <see cref="CalculationSeconds"/>
/// sums the wall time of this run's calculations.</summary>
public sealed record LevelSummary(string Level, int Selected, int Skipped, int Labelled, int CacheHits, int Failed, int Retried,
                                  double CalculationSeconds, double ElapsedSeconds)
{
    /// <summary>Labels that needed a calculation in this run (stored now, not from the cache).</summary>
    public int Computed => Labelled - CacheHits;
}

/// <summary>Labels the selected fragments at each level and stores every outcome in a <see cref="LabelStore"/>
/// after each chunk: a run that is killed keeps what it finished, and a new run computes only what is not
/// stored (failures too are stored and not tried again unless asked). A failed calculation is repeated once
/// with the level's safer engine; if that fails too the failure is stored with both errors.</summary>
public static class Labeller
{
    public static IReadOnlyList<LevelSummary> Run(IReadOnlyList<PoolFragment> fragments, LabelStore store, IReadOnlyList<LabelLevel> levels,
                                                  LabelSettings settings, CancellationToken ct = default, IProgress<LabelProgress>? progress = null)
    {
        settings.Validated();
        var summaries = new List<LevelSummary>();
        foreach (var level in levels) summaries.Add(RunLevel(fragments, store, level, settings, ct, progress));
        return summaries;
    }

    /// <summary>The fragments of <paramref name="fragments"/> that still need a label at a level.</summary>
    public static PoolFragment[] Pending(IReadOnlyList<PoolFragment> fragments, LabelStore store, string level, LabelSettings settings)
    {
        var stored = store.Get(level);
        return fragments.Where(f => !Finished(stored.GetValueOrDefault(f.Id), settings)).ToArray();
    }

    /// <summary>Whether a stored label (null: none) needs no more work: a success with what is asked (forces or not), or
    /// a failure that is not to be tried again.</summary>
    public static bool Finished(Label? stored, LabelSettings settings) =>
        stored is not null && (stored.Status == LabelStatus.Failed ? !settings.RetryFailed : stored.Satisfies(settings.Gradients));

    private static LevelSummary RunLevel(IReadOnlyList<PoolFragment> fragments, LabelStore store, LabelLevel level, LabelSettings settings,
                                         CancellationToken ct, IProgress<LabelProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        var pending = Pending(fragments, store, level.Name, settings);
        int skipped = fragments.Count - pending.Length, done = skipped, failed = 0, retried = 0, hits = 0;
        double seconds = 0;
        var gate = new object();
        progress?.Report(new LabelProgress(level.Name, done, fragments.Count, 0, skipped));
        var chunks = pending.Chunk(settings.ChunkSize).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Workers, CancellationToken = ct };
        try
        {
            Parallel.ForEach(chunks, options, chunk =>
            {
                ct.ThrowIfCancellationRequested();
                var (labels, retries, chunkHits) = LabelChunk(chunk, level, settings, ct);
                store.Put(labels);
                lock (gate)
                {
                    done += labels.Length;
                    failed += labels.Count(l => l.Status == LabelStatus.Failed);
                    retried += retries;
                    hits += chunkHits;
                    seconds += labels.Sum(l => l.WallSeconds);
                    progress?.Report(new LabelProgress(level.Name, done, fragments.Count, failed, skipped));
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            var first = e.InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
        return new LevelSummary(level.Name, fragments.Count, skipped, pending.Length, hits, failed, retried, seconds, clock.Elapsed.TotalSeconds);
    }

    private static (Label[] Labels, int Retries, int CacheHits) LabelChunk(PoolFragment[] chunk, LabelLevel level, LabelSettings settings, CancellationToken ct)
    {
        var needs = settings.Gradients ? Needs.Forces : Needs.Energy;
        var structures = chunk.Select(f => Bare(f.Structure)).ToArray();
        var first = level.Engine.ComputeBatch(structures, needs, ct);
        var labels = new Label[chunk.Length];
        var again = new List<int>();
        for (int i = 0; i < chunk.Length; i++)
        {
            if (first[i].Error is { Failure: EngineFailure.NotFound } missing) throw missing;
            if (first[i].Succeeded) labels[i] = Success(chunk[i], level.Name, level.Engine, first[i], 1);
            else if (level.Safer is not null && Retryable(first[i].Error!)) again.Add(i);
            else labels[i] = Failure(chunk[i], level.Name, level.Engine, first[i], 1, first[i].Error!.Message);
        }
        if (again.Count > 0)
        {
            var second = level.Safer!.ComputeBatch(again.Select(i => structures[i]).ToArray(), needs, ct);
            for (int k = 0; k < again.Count; k++)
            {
                int i = again[k];
                var item = second[k] with { WallSeconds = second[k].WallSeconds + first[i].WallSeconds };
                labels[i] = item.Succeeded
                    ? Success(chunk[i], level.Name, level.Safer, item, 2)
                    : Failure(chunk[i], level.Name, level.Safer, item, 2,
                              $"first attempt: {first[i].Error!.Message}{Environment.NewLine}retry with safer options: {item.Error!.Message}");
            }
        }
        return (labels, again.Count, first.Count(item => item.Cached && item.Succeeded));
    }

    // Inputs and invalid structures fail the same way with any convergence options; a timeout would only repeat.
    private static bool Retryable(EngineException e) => e.Failure is EngineFailure.NotConverged or EngineFailure.Crash or EngineFailure.BadOutput;

    private static Label Success(PoolFragment f, string level, IEngine engine, BatchItem item, int attempts) =>
        new(f.Id, level, LabelStatus.Ok, item.Result!.Energy, item.Result.Forces, item.WallSeconds, attempts, engine.Identity, null, DateTime.UtcNow);

    private static Label Failure(PoolFragment f, string level, IEngine engine, BatchItem item, int attempts, string error) =>
        new(f.Id, level, LabelStatus.Failed, null, null, item.WallSeconds, attempts, engine.Identity, error, DateTime.UtcNow);

    // The engine sees geometry, charge and multiplicity only (the pool's bookkeeping stays out of cache keys and inputs).
    private static Structure Bare(Structure s) => new(s.Numbers, s.Positions, s.Cell, s.Pbc, s.Charge, s.Multiplicity);
}
