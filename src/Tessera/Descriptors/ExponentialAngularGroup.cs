using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tessera.Core;

namespace Tessera.Descriptors;

/// <summary>Exponential angular functions (types 3, 9, 13) sharing type, neighbour elements and cutoff, in one
/// pass over the neighbour pairs (n2p2's groups): per pair the distances, cosine, reciprocals and cutoff products
/// once, the Gaussian part with its gradients once per distinct (eta, r_s), the angular part once per distinct
/// (lambda, zeta); each member multiplies one of each (two FMAs per derivative component, no division).</summary>
internal sealed class ExponentialAngularGroup : SymmetryFunctionGroup
{
    private readonly CutoffFunction _cutoff;
    private readonly bool _weighted, _anyNarrow, _anyWide;
    private readonly int _e1, _e2;
    /// <summary>Distinct (eta, r_s, narrow) and distinct (lambda, zeta) of the members: a term is the product of one
    /// of each. Narrow (types 3, 13) and wide (type 9) functions of the same elements and cutoff share one group.</summary>
    private readonly (double Eta, double Shift, bool Narrow)[] _gaussians;
    private readonly (double Lambda, double Zeta, int ZetaInt, bool IntegerZeta)[] _angular;
    private readonly (int Slot, int Gaussian, int Angular, double PNorm)[] _members;
    private readonly double[] _etas, _shifts;

    public ExponentialAngularGroup(ExponentialAngularFunction[] members, int[] slots) : base(slots)
    {
        var f0 = members[0];
        _cutoff = f0.CutoffFunction; _weighted = f0.IsWeighted;
        _anyNarrow = members.Any(m => m.IsNarrow); _anyWide = members.Any(m => !m.IsNarrow);
        _e1 = f0.Neighbour1; _e2 = f0.Neighbour2;
        _gaussians = [.. members.Select(m => (m.Eta, m.Shift, m.IsNarrow)).Distinct()];
        _etas = [.. _gaussians.Select(g => g.Eta)]; _shifts = [.. _gaussians.Select(g => g.Shift)];
        _angular = [.. members.Select(m => (m.Lambda, m.Zeta, m.IntegerZeta, m.HasIntegerZeta)).Distinct()];
        _members = [.. members.Select((m, i) => (slots[i], Array.IndexOf(_gaussians, (m.Eta, m.Shift, m.IsNarrow)),
            Array.IndexOf(_angular, (m.Lambda, m.Zeta, m.IntegerZeta, m.HasIntegerZeta)), m.PNorm))];
    }

    public override void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values)
    {
        Walk(env, new GroupOutput(env, derivatives, dn, stride, values, Slots));
        foreach (var m in _members) values[m.Slot] *= m.PNorm;
    }

    public override void Gradient(AtomEnvironment env, ReadOnlySpan<double> coefficients, Span<double> gradient) =>
        Walk(env, GroupOutput.ForGradient(env, coefficients, gradient, Slots));

    private void Walk(AtomEnvironment env, GroupOutput output)
    {
        var (fc, dfc) = env.CutoffValues(_cutoff);
        var rows = env.GaussianTable(_etas, _shifts);
        int scratch = GaussianSize * _gaussians.Length + 2 * _angular.Length;
        Span<double> buffer = scratch <= 512 ? stackalloc double[scratch] : new double[scratch];
        var v = new Visitor { Group = this, Out = output, Fc = fc, DFc = dfc, E = rows,
                              Gauss = buffer[..(GaussianSize * _gaussians.Length)], Angular = buffer[(GaussianSize * _gaussians.Length)..] };
        NeighbourPairs.Walk(env, _weighted, _e1, _e2, -1.0, _cutoff.Radius, ref v);
    }

    /// <summary>Per distinct Gaussian and pair: E f_c, its derivatives by r_ij, r_ik, r_jk and (only with
    /// stored derivatives) its gradients by r_j and r_k (3 each).</summary>
    private const int GaussianSize = 10;

    private ref struct Visitor : IPairVisitor
    {
        public ExponentialAngularGroup Group;
        public GroupOutput Out;
        public double[] Fc, DFc;
        /// <summary>Per Gaussian, exp(-eta (r_j - r_s)^2) of every neighbour (<see cref="AtomEnvironment.GaussianValues"/>).</summary>
        public ReadOnlySpan<double[]> E;
        /// <summary>Per pair: radial parts per Gaussian; (1 + lambda cos)^zeta and its cos derivative per angular
        /// part (NaN when 1 + lambda cos &lt;= 0 drops the term).</summary>
        public Span<double> Gauss, Angular;
        public void Visit(int j, int k) => Group.Pair(ref this, j, k);
    }

    private void Pair(ref Visitor v, int j, int k)
    {
        ref var o = ref v.Out;
        var env = o.Env;
        var p = NeighbourPairs.Geometry(env, j, k, _anyNarrow);
        // Narrow terms need r_jk inside the cutoff too; beyond it their radial parts are 0.
        bool narrow = _anyNarrow && p.Rjk < _cutoff.Radius;
        if (!narrow && !_anyWide) return;
        if (!AngularParts(p.Cos, v.Angular)) return;
        double fjk = 0, dfjk = 0;
        if (narrow) _cutoff.Evaluate(p.Rjk, out fjk, out dfjk);
        double w = _weighted ? env.Z[j] * env.Z[k] : 1.0;
        RadialParts(ref v, p, w, narrow, fjk, dfjk, o.Derivatives || o.Chain, o.Derivatives);
        if (o.Chain) { Chain(ref o, p, v.Gauss, v.Angular); return; }
        Vec3 cj = default, ck = default;
        if (o.Derivatives) NeighbourPairs.CosGradient(env, p, 1.0, out cj, out ck);
        var gauss = v.Gauss; var angular = v.Angular;
        foreach (var (slot, q, a, pnorm) in _members)
        {
            double ang = angular[2 * a];
            if (double.IsNaN(ang)) continue;
            int g = GaussianSize * q;
            double ef = gauss[g];
            o.Values[slot] += ang * ef;
            if (!o.Derivatives) continue;
            double s1 = pnorm * ang, s2 = pnorm * angular[2 * a + 1] * ef;
            NeighbourPairs.Add(ref o.At(slot, j), s1, new Vec3(gauss[g + 4], gauss[g + 5], gauss[g + 6]), s2, cj);
            NeighbourPairs.Add(ref o.At(slot, k), s1, new Vec3(gauss[g + 7], gauss[g + 8], gauss[g + 9]), s2, ck);
        }
    }

    /// <summary>Chain mode: sum_m c_m dG_m/dr for the pair, collected as derivatives by r_ij, r_ik, r_jk and cos.</summary>
    private void Chain(ref GroupOutput o, in PairGeometry p, Span<double> gauss, Span<double> angular)
    {
        double sij = 0, sik = 0, sjk = 0, sc = 0;
        var c = o.Coefficients;
        // Unchecked reads: member indices are fixed at construction and ForGradient checked the coefficients.
        ref double g0 = ref MemoryMarshal.GetReference(gauss);
        ref double a0 = ref MemoryMarshal.GetReference(angular);
        ref double c0 = ref MemoryMarshal.GetReference(c);
        foreach (var (slot, q, a, pnorm) in _members)
        {
            double ang = Unsafe.Add(ref a0, 2 * a);
            if (double.IsNaN(ang)) continue;
            ref double g = ref Unsafe.Add(ref g0, GaussianSize * q);
            double cp = Unsafe.Add(ref c0, slot) * pnorm, ca = cp * ang;
            sij += ca * Unsafe.Add(ref g, 1); sik += ca * Unsafe.Add(ref g, 2); sjk += ca * Unsafe.Add(ref g, 3);
            sc += cp * Unsafe.Add(ref a0, 2 * a + 1) * g;
        }
        NeighbourPairs.DistanceGradient(o.Env, p, sij, sik, sjk, out var rj, out var rk);
        NeighbourPairs.CosGradient(o.Env, p, sc, out var cj, out var ck);
        NeighbourPairs.Add(ref o.Neighbour(p.J), 1.0, rj, 1.0, cj);
        NeighbourPairs.Add(ref o.Neighbour(p.K), 1.0, rk, 1.0, ck);
    }

    /// <summary>(1 + lambda cos)^zeta and d/dcos per angular part; false when every part drops the pair.</summary>
    private bool AngularParts(double cos, Span<double> angular)
    {
        bool any = false;
        for (int a = 0; a < _angular.Length; a++)
        {
            var (lambda, zeta, zetaInt, integer) = _angular[a];
            double plambda = 1.0 + lambda * cos;
            if (plambda <= 0.0) { angular[2 * a] = double.NaN; continue; }
            double powm1 = SymmetryFunction.Power(plambda, zeta - 1.0, zetaInt - 1, integer);
            angular[2 * a] = powm1 * plambda; angular[2 * a + 1] = zeta * lambda * powm1;
            any = true;
        }
        return any;
    }

    /// <summary>E f_c = w exp(-eta sum (r - r_s)^2) prod f_c per Gaussian (sums and products over ij, ik and, for narrow
    /// ones, jk) and its derivatives by the three distances (<paramref name="scalars"/>) and gradients by r_j and r_k
    /// (<paramref name="vectors"/>); 0 for narrow ones when r_jk is beyond the cutoff.</summary>
    private void RadialParts(ref Visitor v, in PairGeometry p, double w, bool narrowInside, double fjk, double dfjk, bool scalars, bool vectors)
    {
        int j = p.J, k = p.K;
        double fij = v.Fc[j], dfij = v.DFc[j], fik = v.Fc[k], dfik = v.DFc[k];
        // Unchecked writes: Gauss holds GaussianSize doubles for each of the group's Gaussians.
        ref double g0 = ref MemoryMarshal.GetReference(v.Gauss);
        for (int q = 0; q < _gaussians.Length; q++)
        {
            var (eta, shift, narrow) = _gaussians[q];
            var g = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref g0, GaussianSize * q), GaussianSize);
            if (narrow && !narrowInside) { g.Clear(); continue; }
            double f3 = narrow ? fjk : 1.0, df3 = narrow ? dfjk : 0.0;
            double fc = fij * fik * f3;
            double sij = p.Rij - shift, sik = p.Rik - shift, sjk = narrow ? p.Rjk - shift : 0.0;
            double[] eq = v.E[q];
            double e = w * eq[j] * eq[k] * (narrow ? Math.Exp(-eta * sjk * sjk) : 1.0);
            g[0] = e * fc;
            if (!scalars) continue;
            double te = 2.0 * eta * fc;
            g[1] = e * (dfij * fik * f3 - te * sij); g[2] = e * (fij * dfik * f3 - te * sik);
            g[3] = narrow ? e * (fij * fik * df3 - te * sjk) : 0.0;
            if (!vectors) continue;
            NeighbourPairs.DistanceGradient(v.Out.Env, p, g[1], g[2], g[3], out var dj, out var dk);
            g[4] = dj.X; g[5] = dj.Y; g[6] = dj.Z; g[7] = dk.X; g[8] = dk.Y; g[9] = dk.Z;
        }
    }
}
