using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>A fragment level that can return the assembly's weighted sum of its fragments' forces directly instead of
/// one result per fragment: cheaper when fragments share work that a sum can pool (the learned level's descriptor parts
/// of shared units). The graph assembly asks for it when there is no low level on the fragments.</summary>
public interface IWeightedFragmentLevel : IFragmentLevel
{
    /// <summary>Every fragment's energy and, when <paramref name="needs"/> asks for forces or the virial, sum_f
    /// factors[f] F_f scattered to the full structure's <paramref name="atoms"/> atoms through the atom maps, with its
    /// virial sum_f factors[f] sum_k r_k (x) F_fk; null when this level cannot for these fragments (the caller then
    /// asks fragment by fragment).</summary>
    WeightedFragmentResult? ComputeWeighted(IReadOnlyList<Fragment> fragments, ReadOnlySpan<double> factors, int atoms, Needs needs,
                                            int maxParallelism, CancellationToken ct);
}

/// <summary>Fragment energies (eV) and the weighted force sum on the full structure (eV/A) with its virial (eV).</summary>
public sealed record WeightedFragmentResult(double[] Energies, Vec3[]? Force, Mat3 Virial);
