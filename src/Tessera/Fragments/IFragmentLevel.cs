using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>A level of theory over fragments: what the graph assembly evaluates each simplex with. Any structure-level
/// potential (an ab initio engine, a physics term) is one through <see cref="StructureLevel"/>; a learned level reads
/// the fragment's typed values (type key, units) instead of keys hidden in its structure. Forces are per fragment
/// atom, in the fragment's atom order (eV/A); energies in eV.</summary>
public interface IFragmentLevel
{
    string Name { get; }

    PotentialResult Compute(Fragment fragment, Needs needs);

    /// <summary>Every fragment's result, in order; <paramref name="done"/> is told how many more have finished. By default
    /// parallel calls of <see cref="Compute"/>; a level with a cheaper batch (an engine's) says so itself.</summary>
    PotentialResult[] ComputeAll(IReadOnlyList<Fragment> fragments, Needs needs, int maxParallelism, CancellationToken ct,
                                 Action<int>? done) =>
        FragmentEvaluator.InParallel(this, fragments, needs, maxParallelism, ct, done);
}
