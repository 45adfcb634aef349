using System.Runtime.CompilerServices;

namespace Tessera.Descriptors;

/// <summary>Exponential angular functions (types 3, 9, 13) sharing type, neighbour elements and cutoff, in one
/// pass over the neighbour pairs (n2p2's groups): per pair the distances, cosine, reciprocals and cutoff products
/// once, the Gaussian once per distinct (eta, r_s), then each member's (1 + lambda cos)^zeta term. No division
/// in the member loop.</summary>
internal sealed class ExponentialAngularGroup : SymmetryFunctionGroup
{
    private readonly CutoffFunction _cutoff;
    private readonly bool _narrow, _weighted;
    private readonly int _e1, _e2;
    private readonly Member[] _members;
    /// <summary>Distinct (eta, r_s) of the members; Member.Gaussian indexes them.</summary>
    private readonly (double Eta, double Shift)[] _gaussians;

    private readonly record struct Member(double Lambda, double Zeta, int ZetaInt, bool IntegerZeta, double PNorm,
                                          double ZetaLambdaNorm, double TwoEta, double Shift, int Gaussian);

    public ExponentialAngularGroup(ExponentialAngularFunction[] members, int[] slots) : base(slots)
    {
        var f0 = members[0];
        _cutoff = f0.CutoffFunction; _narrow = f0.IsNarrow; _weighted = f0.IsWeighted;
        _e1 = f0.Neighbour1; _e2 = f0.Neighbour2;
        _gaussians = [.. members.Select(m => (m.Eta, m.Shift)).Distinct()];
        _members = [.. members.Select(m => new Member(m.Lambda, m.Zeta, m.IntegerZeta, m.HasIntegerZeta, m.PNorm,
            m.PNorm * m.Zeta * m.Lambda, 2.0 * m.Eta, m.Shift, Array.IndexOf(_gaussians, (m.Eta, m.Shift))))];
    }

    public override void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values)
    {
        var (fc, dfc) = env.CutoffValues(_cutoff);
        foreach (int s in Slots) values[s] = 0;
        Span<double> gauss = _gaussians.Length <= 128 ? stackalloc double[_gaussians.Length] : new double[_gaussians.Length];
        var v = new Visitor { Group = this, Env = env, Fc = fc, DFc = dfc, Derivatives = derivatives, Values = values, Stride = stride, Gauss = gauss };
        if (derivatives) v.Rows = ref NeighbourPairs.Rows(dn, Slots, stride, env.Count);
        NeighbourPairs.Walk(env, _weighted, _e1, _e2, -1.0, _cutoff.Radius, ref v);
        for (int m = 0; m < _members.Length; m++) values[Slots[m]] *= _members[m].PNorm;
    }

    private ref struct Visitor : IPairVisitor
    {
        public ExponentialAngularGroup Group;
        public AtomEnvironment Env;
        public double[] Fc, DFc;
        public bool Derivatives;
        public Span<double> Values, Gauss;
        public ref double Rows;
        public int Stride;
        public void Visit(int j, int k) => Group.Pair(ref this, j, k);
    }

    private void Pair(ref Visitor v, int j, int k)
    {
        var env = v.Env;
        var p = NeighbourPairs.Geometry(env, j, k, _narrow);
        double fjk = 1, dfjk = 0;
        if (_narrow)
        {
            if (p.Rjk >= _cutoff.Radius) return;
            _cutoff.Evaluate(p.Rjk, out fjk, out dfjk);
        }
        double fij = v.Fc[j], fik = v.Fc[k];
        double fc = fij * fik * fjk;
        double gij = v.DFc[j] * fik * fjk, gik = fij * v.DFc[k] * fjk, gjk = fij * fik * dfjk;
        double w = _weighted ? env.Z[j] * env.Z[k] : 1.0;
        var gauss = v.Gauss;
        for (int q = 0; q < _gaussians.Length; q++)
        {
            var (eta, shift) = _gaussians[q];
            double sij = p.Rij - shift, sik = p.Rik - shift, sjk = p.Rjk - shift;
            gauss[q] = w * Math.Exp(-eta * (sij * sij + sik * sik + (_narrow ? sjk * sjk : 0.0)));
        }
        var slots = Slots;
        for (int m = 0; m < _members.Length; m++)
        {
            ref readonly var f = ref _members[m];
            double plambda = 1.0 + f.Lambda * p.Cos;
            if (plambda <= 0.0) continue;
            double pexp = gauss[f.Gaussian];
            double powm1 = SymmetryFunction.Power(plambda, f.Zeta - 1.0, f.ZetaInt - 1, f.IntegerZeta);
            double ang = powm1 * plambda;
            v.Values[slots[m]] += ang * pexp * fc;
            if (!v.Derivatives) continue;
            double common = f.PNorm * ang * pexp, te = f.TwoEta * fc;
            double sij = p.Rij - f.Shift, sik = p.Rik - f.Shift;
            double dTdrjk = _narrow ? common * (gjk - te * (p.Rjk - f.Shift)) : 0.0;
            NeighbourPairs.Scatter(ref Unsafe.Add(ref v.Rows, 3 * slots[m]), v.Stride, env, p,
                f.ZetaLambdaNorm * powm1 * pexp * fc, common * (gij - te * sij), common * (gik - te * sik), dTdrjk);
        }
    }
}
