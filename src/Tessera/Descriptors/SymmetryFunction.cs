using System.Globalization;
using System.Runtime.CompilerServices;

namespace Tessera.Descriptors;

/// <summary>One atom-centred symmetry function G of a central element, with n2p2's definition for its
/// type number. <see cref="Compute"/> returns the raw (unscaled) value and writes dG/dr_j for every
/// neighbour j (3 per neighbour, aligned with the environment) and dG/dr_i for the centre. Derivative
/// buffers are overwritten for the neighbours this function touches and must be zeroed by the caller.</summary>
public abstract class SymmetryFunction
{
    /// <summary>n2p2 type number (2, 3, 9, 12, 13, 20-25).</summary>
    public int Type { get; }
    /// <summary>Atomic number of the central element.</summary>
    public int CentralElement { get; }
    /// <summary>Outer cutoff radius in the descriptor length unit.</summary>
    public abstract double Cutoff { get; }

    protected SymmetryFunction(int type, int centralElement) { Type = type; CentralElement = centralElement; }

    /// <summary>Value of G; adds dG/dr_j into <paramref name="dNeighbours"/> (3 per neighbour) and dG/dr_i into
    /// <paramref name="dCentre"/> (3) when <paramref name="derivatives"/> is set. Runs the function as its own
    /// group of one (see <see cref="SymmetryFunctionGroup"/>); a model evaluates whole groups instead.</summary>
    public double Compute(AtomEnvironment env, bool derivatives, Span<double> dNeighbours, Span<double> dCentre)
    {
        var group = _single ??= CreateGroup([this], [0]);
        Span<double> value = stackalloc double[1];
        int stride = derivatives ? 3 : 0;
        group.Compute(env, derivatives, derivatives ? dNeighbours : [], stride, value);
        if (derivatives)
        {
            Span<double> dc = stackalloc double[3];
            SymmetryFunctionGroup.CentreDerivatives(dNeighbours, stride, env.Count, 1, dc);
            for (int c = 0; c < 3; c++) dCentre[c] += dc[c];
        }
        return value[0];
    }

    private SymmetryFunctionGroup? _single;

    /// <summary>Functions with equal keys (and the same class) share a group: the same neighbour selection.</summary>
    internal abstract object GroupKey { get; }

    /// <summary>The group evaluating <paramref name="members"/> (all of this class, equal keys) into <paramref name="slots"/>.</summary>
    internal abstract SymmetryFunctionGroup CreateGroup(SymmetryFunction[] members, int[] slots);

    /// <summary>The parameters after "symfunction_short" in n2p2's input.nn, in its units (the descriptor unit).</summary>
    public abstract string ToN2p2Line();

    /// <summary>n2p2 sorts each element's functions by type and then by these keys (its operator&lt;);
    /// the sorted order is the network input order and the index in scaling.data.</summary>
    internal abstract (string Subtype, double[] Keys) SortKey { get; }

    internal static int Compare(SymmetryFunction a, SymmetryFunction b)
    {
        int c = a.CentralElement.CompareTo(b.CentralElement);
        if (c != 0) return c;
        c = a.Type.CompareTo(b.Type);
        if (c != 0) return c;
        var (sa, ka) = a.SortKey;
        var (sb, kb) = b.SortKey;
        c = string.CompareOrdinal(sa, sb);
        if (c != 0) return c;
        for (int i = 0; i < Math.Min(ka.Length, kb.Length); i++)
        {
            c = ka[i].CompareTo(kb[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    protected static string F(double v) => v.ToString("E16", CultureInfo.InvariantCulture);
    protected static string Symbol(int z) => Core.Element.FromNumber(z).Symbol;

    /// <summary>x^n for integer n by repeated squaring (n2p2's pow_int), else Math.Pow. Inlined into the per-pair
    /// angular parts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Power(double x, double exponent, int integerExponent, bool useInteger)
    {
        if (!useInteger) return Math.Pow(x, exponent);
        int n = integerExponent;
        if (n < 0) { x = 1.0 / x; n = -n; }
        double result = 1.0;
        while (n > 0)
        {
            if ((n & 1) != 0) result *= x;
            x *= x;
            n >>= 1;
        }
        return result;
    }
}
