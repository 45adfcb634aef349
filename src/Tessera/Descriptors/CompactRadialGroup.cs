using System.Runtime.CompilerServices;

namespace Tessera.Descriptors;

/// <summary>Polynomial radial functions (types 20 and 23) of one neighbour element: per neighbour the distance
/// and 1/r once, then each member whose support (r_l, r_c) holds r evaluates its compact function.</summary>
internal sealed class CompactRadialGroup : SymmetryFunctionGroup
{
    private readonly CompactFunction[] _radial;
    private readonly bool _weighted;
    private readonly int _element;
    private readonly double _upper;

    public CompactRadialGroup(CompactRadialFunction[] members, int[] slots) : base(slots)
    {
        _radial = [.. members.Select(m => m.Radial)];
        _weighted = members[0].IsWeighted; _element = members[0].Neighbour;
        _upper = _radial.Max(c => c.Right);
    }

    public override void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values)
    {
        var slots = Slots;
        foreach (int s in slots) values[s] = 0;
        ref double rows = ref derivatives ? ref NeighbourPairs.Rows(dn, slots, stride, env.Count) : ref Unsafe.NullRef<double>();
        if (_weighted)
            for (int j = 0; j < env.Count; j++) Neighbour(env, j, env.Z[j], derivatives, ref rows, stride, values);
        else
            foreach (int j in env.NeighboursOfElement(_element)) Neighbour(env, j, 1.0, derivatives, ref rows, stride, values);
    }

    private void Neighbour(AtomEnvironment env, int j, double w, bool derivatives, ref double rows, int stride, Span<double> values)
    {
        double r = env.R[j];
        if (r >= _upper) return;
        double invR = 1.0 / r;
        double x = env.Dx[j], y = env.Dy[j], z = env.Dz[j];
        var slots = Slots;
        for (int m = 0; m < slots.Length; m++)
        {
            ref readonly var c = ref _radial[m];
            if (r >= c.Right || r <= c.Left) continue;
            c.Evaluate(r, out double f, out double df);
            values[slots[m]] += w * f;
            if (!derivatives) continue;
            double p = w * df * invR;
            ref double g = ref Unsafe.Add(ref rows, j * stride + 3 * slots[m]);
            g += p * x; Unsafe.Add(ref g, 1) += p * y; Unsafe.Add(ref g, 2) += p * z;
        }
    }
}
