using System.Numerics.Tensors;

namespace Tessera.Descriptors;

/// <summary>Functions of one family that share their neighbour selection (elements, and for the exponential
/// families the cutoff), evaluated in one pass over the neighbours or pairs as n2p2's symmetry-function groups
/// are: distances, cosines, angles and cutoff values once per neighbour or pair, then each member's own term.
/// Immutable and shared between threads. A single function's <see cref="SymmetryFunction.Compute"/> is its
/// group of one, so grouped and one-at-a-time evaluation run the same per-member arithmetic.</summary>
internal abstract class SymmetryFunctionGroup(int[] slots)
{
    /// <summary>Storage slot of each member: its value at values[slot], its derivative by neighbour j's position at
    /// dn[j * stride + 3 slot ..] (neighbour-major, as n2p2 stores them: a pair's members write near each other).</summary>
    public int[] Slots { get; } = slots;

    /// <summary>Writes each member's raw value to values[slot] and, with derivatives, adds dG/dr_j to
    /// dn[j * stride + 3 slot ..] (dn zeroed by the caller). Centre derivatives are left to
    /// <see cref="CentreDerivatives"/>.</summary>
    public abstract void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values);

    /// <summary>Adds sum over members of c[slot] dG_slot/dr_j to gradient[3 j ..] for every neighbour j: the chain rule
    /// once the network's dE/dG is known, in a second pass that never stores a member's own derivatives (far
    /// less memory traffic than <see cref="Compute"/> with derivatives when groups are large).</summary>
    public abstract void Gradient(AtomEnvironment env, ReadOnlySpan<double> coefficients, Span<double> gradient);

    /// <summary>The groups of a list of functions (slot = index in the list), in order of first appearance.</summary>
    public static SymmetryFunctionGroup[] Build(IReadOnlyList<SymmetryFunction> functions) =>
        functions.Select((f, i) => (f, i))
            .GroupBy(p => (p.f.GetType(), p.f.GroupKey))
            .Select(g => g.First().f.CreateGroup(g.Select(p => p.f).ToArray(), g.Select(p => p.i).ToArray()))
            .ToArray();

    /// <summary>dG/dr_i = -sum_j dG/dr_j for the first <paramref name="functions"/> slots: every term depends on the
    /// centre only through the displacements r_j - r_i. Overwrites dc (3 per function).</summary>
    public static void CentreDerivatives(ReadOnlySpan<double> dn, int stride, int neighbours, int functions, Span<double> dc)
    {
        var sum = dc[..(3 * functions)];
        sum.Clear();
        for (int j = 0; j < neighbours; j++) TensorPrimitives.Subtract(sum, dn.Slice(j * stride, sum.Length), sum);
    }
}
