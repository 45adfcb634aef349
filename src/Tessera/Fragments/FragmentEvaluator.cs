using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>Progress of a fragment evaluation: potential calls done out of the total.</summary>
public readonly record struct FragmentProgress(int Done, int Total);

/// <summary>The two ways to evaluate many fragments: parallel calls of a fragment level, or one batch of a structure-level
/// potential (<see cref="IBatchPotential"/>).</summary>
internal static class FragmentEvaluator
{
    public static PotentialResult[] InParallel(IFragmentLevel level, IReadOnlyList<Fragment> fragments, Needs needs,
                                               int maxParallelism, CancellationToken ct, Action<int>? done)
    {
        if (fragments.Count == 0) return [];
        var results = new PotentialResult[fragments.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = ct };
        Parallel.For(0, fragments.Count, options, i =>
        {
            results[i] = level.Compute(fragments[i], needs);
            done?.Invoke(1);
        });
        return results;
    }

    public static PotentialResult[] InBatch(IBatchPotential batch, IReadOnlyList<Structure> structures, Needs needs,
                                            CancellationToken ct, Action<int>? done)
    {
        int last = 0;
        var progress = done is null ? null : new SynchronousProgress(n => { done(n - last); last = n; });
        return batch.ComputeBatch(structures, needs, ct, progress).Select(item => item.Require()).ToArray();
    }

    /// <summary>Reports on the reporting thread (Progress&lt;T&gt; would post to a context, out of order).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private readonly object _gate = new();
        public void Report(int value) { lock (_gate) report(value); }
    }
}
