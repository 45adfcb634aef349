using Tessera.Core;

namespace Tessera.Potentials;

/// <summary>A potential that computes many structures in one call where that pays (psi4 runs a batch in one
/// process, a result cache is asked once), so a fragment assembly or a command hands it all its structures
/// without asking what kind of potential it holds. One member's failure is recorded in its outcome, never
/// thrown, so the others are kept.</summary>
public interface IBatchPotential : IPotential
{
    /// <summary>Computes every structure; the outcomes are in the order of <paramref name="structures"/>.</summary>
    /// <param name="progress">Members finished so far (a running count).</param>
    /// <exception cref="OperationCanceledException">Cancelled: a <see cref="BatchCancelledException"/> carrying the members
    /// that finished before, where the potential can hand them on.</exception>
    IReadOnlyList<IBatchOutcome> ComputeBatch(IReadOnlyList<Structure> structures, Needs needs,
                                              CancellationToken ct = default, IProgress<int>? progress = null);
}
