using System.Runtime.CompilerServices;

namespace Tessera.Descriptors;

/// <summary>Radial Gaussians (types 2 and 12) of one neighbour element and cutoff: per neighbour the distance,
/// 1/r and f_c(r) (cached per atom) once, then exp(-eta (r - r_s)^2) per member.</summary>
internal sealed class ExponentialRadialGroup : SymmetryFunctionGroup
{
    private readonly CutoffFunction _cutoff;
    private readonly bool _weighted;
    private readonly int _element;
    private readonly double[] _eta, _shift;

    public ExponentialRadialGroup(ExponentialRadialFunction[] members, int[] slots) : base(slots)
    {
        var f0 = members[0];
        _cutoff = f0.CutoffFunction; _weighted = f0.IsWeighted; _element = f0.Neighbour;
        _eta = [.. members.Select(m => m.Eta)];
        _shift = [.. members.Select(m => m.Shift)];
    }

    public override void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values)
    {
        var (fcv, dfcv) = env.CutoffValues(_cutoff);
        var slots = Slots;
        foreach (int s in slots) values[s] = 0;
        ref double rows = ref derivatives ? ref NeighbourPairs.Rows(dn, slots, stride, env.Count) : ref Unsafe.NullRef<double>();
        if (_weighted)
            for (int j = 0; j < env.Count; j++) Neighbour(env, j, env.Z[j], fcv, dfcv, derivatives, ref rows, stride, values);
        else
            foreach (int j in env.NeighboursOfElement(_element)) Neighbour(env, j, 1.0, fcv, dfcv, derivatives, ref rows, stride, values);
    }

    private void Neighbour(AtomEnvironment env, int j, double w, double[] fcv, double[] dfcv, bool derivatives,
                           ref double rows, int stride, Span<double> values)
    {
        double r = env.R[j];
        if (r >= _cutoff.Radius) return;
        double fc = fcv[j], dfc = dfcv[j], invR = 1.0 / r;
        double x = env.Dx[j], y = env.Dy[j], z = env.Dz[j];
        var slots = Slots;
        for (int m = 0; m < slots.Length; m++)
        {
            double eta = _eta[m], rs = r - _shift[m];
            double pexp = w * Math.Exp(-eta * rs * rs);
            values[slots[m]] += pexp * fc;
            if (!derivatives) continue;
            double p = (dfc - 2.0 * eta * rs * fc) * pexp * invR;
            ref double g = ref Unsafe.Add(ref rows, j * stride + 3 * slots[m]);
            g += p * x; Unsafe.Add(ref g, 1) += p * y; Unsafe.Add(ref g, 2) += p * z;
        }
    }
}
