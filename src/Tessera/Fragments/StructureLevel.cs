using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>A structure-level potential as a fragment level: evaluated on each fragment's structure. Many fragments go
/// through the potential's batch path when it has one (<see cref="IBatchPotential"/>: one process for many geometries
/// where an engine can, and its result cache), otherwise through parallel calls.</summary>
public sealed class StructureLevel(IPotential potential) : IFragmentLevel
{
    public IPotential Potential { get; } = potential;

    public string Name => Potential.Name;

    public PotentialResult Compute(Fragment fragment, Needs needs) => Potential.Compute(fragment.Structure, needs);

    public PotentialResult[] ComputeAll(IReadOnlyList<Fragment> fragments, Needs needs, int maxParallelism, CancellationToken ct,
                                        Action<int>? done)
    {
        if (Potential is not IBatchPotential batch || fragments.Count == 0)
            return FragmentEvaluator.InParallel(this, fragments, needs, maxParallelism, ct, done);
        var structures = new Structure[fragments.Count];
        for (int i = 0; i < structures.Length; i++) structures[i] = fragments[i].Structure;
        return FragmentEvaluator.InBatch(batch, structures, needs, ct, done);
    }
}
