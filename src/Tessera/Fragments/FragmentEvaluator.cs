using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>Progress of a fragment evaluation: potential calls done out of the total.</summary>
public readonly record struct FragmentProgress(int Done, int Total);

/// <summary>Evaluates many fragment structures with one potential, in parallel.</summary>
internal static class FragmentEvaluator
{
    public static PotentialResult[] Evaluate(IPotential potential, IReadOnlyList<Structure> structures, Needs needs,
                                             int maxParallelism, CancellationToken ct, Action? done)
    {
        var results = new PotentialResult[structures.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = ct };
        Parallel.For(0, structures.Count, options, i =>
        {
            results[i] = potential.Compute(structures[i], needs);
            done?.Invoke();
        });
        return results;
    }
}
