namespace Tessera.Descriptors;

/// <summary>Radial Gaussians (types 2 and 12) of one neighbour element and cutoff: per neighbour the distance,
/// 1/r, f_c(r) and exp(-eta (r - r_s)^2) per member (all cached per atom), then each member's term.</summary>
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
        var (fc, dfc) = env.CutoffValues(_cutoff);
        var v = new Visitor { Group = this, Out = new GroupOutput(env, derivatives, dn, stride, values, Slots), Fc = fc, DFc = dfc,
                              E = env.GaussianTable(_eta, _shift) };
        NeighbourPairs.Each(env, _weighted, _element, ref v);
    }

    public override void Gradient(AtomEnvironment env, ReadOnlySpan<double> coefficients, Span<double> gradient)
    {
        var (fc, dfc) = env.CutoffValues(_cutoff);
        var v = new Visitor { Group = this, Out = GroupOutput.ForGradient(env, coefficients, gradient, Slots), Fc = fc, DFc = dfc,
                              E = env.GaussianTable(_eta, _shift) };
        NeighbourPairs.Each(env, _weighted, _element, ref v);
    }

    private ref struct Visitor : INeighbourVisitor
    {
        public ExponentialRadialGroup Group;
        public GroupOutput Out;
        public double[] Fc, DFc;
        /// <summary>Per member, exp(-eta (r_j - r_s)^2) of every neighbour, shared by both passes.</summary>
        public ReadOnlySpan<double[]> E;
        public void Visit(int j, double weight) => Group.Neighbour(ref this, j, weight);
    }

    private void Neighbour(ref Visitor v, int j, double w)
    {
        ref var o = ref v.Out;
        var env = o.Env;
        double r = env.R[j];
        if (r >= _cutoff.Radius) return;
        double fc = v.Fc[j], dfc = v.DFc[j], invR = env.InvR[j];
        double x = env.Dx[j], y = env.Dy[j], z = env.Dz[j];
        var slots = Slots;
        double chain = 0;
        for (int m = 0; m < slots.Length; m++)
        {
            double eta = _eta[m], rs = r - _shift[m];
            double pexp = w * v.E[m][j];
            if (o.Chain) { chain += o.Coefficients[slots[m]] * (dfc - 2.0 * eta * rs * fc) * pexp; continue; }
            o.Values[slots[m]] += pexp * fc;
            if (o.Derivatives) NeighbourPairs.Add(ref o.At(slots[m], j), (dfc - 2.0 * eta * rs * fc) * pexp * invR, x, y, z);
        }
        if (o.Chain) NeighbourPairs.Add(ref o.Neighbour(j), chain * invR, x, y, z);
    }
}
