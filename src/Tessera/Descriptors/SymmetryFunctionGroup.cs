using System.Runtime.InteropServices;

namespace Tessera.Descriptors;

/// <summary>Functions of one family that share their neighbour selection (elements, and for the exponential
/// families the cutoff), evaluated in one pass over the neighbours or pairs as n2p2's symmetry-function groups
/// are: distances, cosines, angles and cutoff values once per neighbour or pair, then each member's own term.
/// Immutable and shared between threads. A single function's <see cref="SymmetryFunction.Compute"/> is its
/// group of one, so grouped and one-at-a-time evaluation run the same per-member arithmetic.</summary>
internal abstract class SymmetryFunctionGroup(int[] slots)
{
    /// <summary>Storage slot of each member: its value at values[slot], its neighbour derivatives at dn[slot * stride ..].</summary>
    public int[] Slots { get; } = slots;

    /// <summary>Writes each member's raw value to values[slot] and, with derivatives, adds dG/dr_j to
    /// dn[slot * stride + 3 j ..] (dn zeroed by the caller). Centre derivatives are left to
    /// <see cref="CentreDerivatives"/>.</summary>
    public abstract void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values);

    /// <summary>The groups of a list of functions (slot = index in the list), in order of first appearance.</summary>
    public static SymmetryFunctionGroup[] Build(IReadOnlyList<SymmetryFunction> functions) =>
        functions.Select((f, i) => (f, i))
            .GroupBy(p => (p.f.GetType(), p.f.GroupKey))
            .Select(g => g.First().f.CreateGroup(g.Select(p => p.f).ToArray(), g.Select(p => p.i).ToArray()))
            .ToArray();

    /// <summary>dG/dr_i = -sum_j dG/dr_j for each of the first <paramref name="functions"/> rows: every term depends
    /// on the centre only through the displacements r_j - r_i. Overwrites dc (3 per function).</summary>
    public static void CentreDerivatives(ReadOnlySpan<double> dn, int stride, int neighbours, int functions, Span<double> dc)
    {
        for (int f = 0; f < functions; f++)
        {
            var row = MemoryMarshal.Cast<double, Vec3d>(dn.Slice(f * stride, 3 * neighbours));
            double x = 0, y = 0, z = 0;
            foreach (ref readonly var g in row) { x += g.X; y += g.Y; z += g.Z; }
            dc[3 * f] = -x; dc[3 * f + 1] = -y; dc[3 * f + 2] = -z;
        }
    }

    private readonly record struct Vec3d(double X, double Y, double Z);
}
