using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>Progress of a fragment evaluation: potential calls done out of the total.</summary>
public readonly record struct FragmentProgress(int Done, int Total);

/// <summary>Evaluates many fragment structures with one potential: through its batch path when it has
/// one (<see cref="IBatchPotential"/>: one process for many geometries where an engine can, and its
/// result cache), otherwise with parallel calls.</summary>
internal static class FragmentEvaluator
{
    public static PotentialResult[] Evaluate(IPotential potential, IReadOnlyList<Structure> structures, Needs needs,
                                             int maxParallelism, CancellationToken ct, Action<int>? done)
    {
        if (structures.Count == 0) return [];
        if (potential is IBatchPotential batch)
        {
            int last = 0;
            var progress = done is null ? null : new SynchronousProgress(n => { done(n - last); last = n; });
            return batch.ComputeBatch(structures, needs, ct, progress).Select(item => item.Require()).ToArray();
        }
        var results = new PotentialResult[structures.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = ct };
        Parallel.For(0, structures.Count, options, i =>
        {
            results[i] = potential.Compute(structures[i], needs);
            done?.Invoke(1);
        });
        return results;
    }

    /// <summary>Reports on the reporting thread (Progress&lt;T&gt; would post to a context, out of order).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        private readonly object _gate = new();
        public void Report(int value) { lock (_gate) report(value); }
    }
}
