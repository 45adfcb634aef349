using System.Numerics;
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
    /// <summary>Angular parts and Gaussians rounded up to whole vectors: the dense per-pair blocks below are
    /// (Gaussian x angular) matrices, a member being one entry, so a pair costs a few vector operations per
    /// Gaussian instead of several scalar ones per member.</summary>
    private readonly int _aWidth, _qWidth;
    /// <summary>Per Gaussian, padded to _qWidth: eta, r_s (0 beyond the last) and all bits set for a narrow one.</summary>
    private readonly double[] _etaV, _shiftV;
    private readonly long[] _narrowMask;

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
        int lanes = Vector<double>.Count;
        _aWidth = (_angular.Length + lanes - 1) / lanes * lanes;
        _qWidth = (_gaussians.Length + lanes - 1) / lanes * lanes;
        _etaV = new double[_qWidth]; _shiftV = new double[_qWidth]; _narrowMask = new long[_qWidth];
        for (int q = 0; q < _gaussians.Length; q++)
            (_etaV[q], _shiftV[q], _narrowMask[q]) = (_gaussians[q].Eta, _gaussians[q].Shift, _gaussians[q].Narrow ? -1L : 0L);
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
        var rows = env.GaussianRows(this, _etas, _shifts, _qWidth);
        int nq = _gaussians.Length, radial = 4 * _qWidth + 6 * nq, angular = 2 * _angular.Length + 2 * _aWidth;
        int dense = _qWidth * _aWidth, scratch = radial + angular + dense;
        Span<double> buffer = scratch <= 1024 ? stackalloc double[scratch] : new double[scratch];
        buffer.Clear();
        var v = new Visitor { Group = this, Out = output, Fc = fc, DFc = dfc, Rows = rows,
                              Gauss = buffer[..radial], Angular = buffer.Slice(radial, angular),
                              Dense = buffer.Slice(radial + angular, dense) };
        // Chain mode: Dense holds c_m p_m at [angular a][Gaussian q], the coefficient matrix of the pair sums.
        if (output.Chain)
            foreach (var m in _members) v.Dense[m.Angular * _qWidth + m.Gaussian] += output.Coefficients[m.Slot] * m.PNorm;
        NeighbourPairs.Walk(env, _weighted, _e1, _e2, -1.0, _cutoff.Radius, ref v);
        // Values only: each member's sum over pairs accumulated in its (Gaussian, angular) entry, in pair order as the
        // member loop adds them, so the values are the same to the bit.
        if (!output.Chain && !output.Derivatives)
            foreach (var m in _members) output.Values[m.Slot] = v.Dense[m.Gaussian * _aWidth + m.Angular];
    }

    private ref struct Visitor : IPairVisitor
    {
        public ExponentialAngularGroup Group;
        public GroupOutput Out;
        public double[] Fc, DFc;
        /// <summary>exp(-eta_q (r_j - r_s,q)^2), neighbour-major (<see cref="AtomEnvironment.GaussianRows"/>).</summary>
        public ReadOnlySpan<double> Rows;
        /// <summary>Per pair, see <see cref="RadialParts"/> and <see cref="AngularParts"/>.</summary>
        public Span<double> Gauss, Angular;
        /// <summary>Values only: per (Gaussian, angular) the sum over pairs so far; chain mode: the coefficients.</summary>
        public Span<double> Dense;
        public void Visit(int j, int k) => Group.Pair(ref this, j, k);
    }

    private void Pair(ref Visitor v, int j, int k)
    {
        ref var o = ref v.Out;
        var env = o.Env;
        var p = NeighbourPairs.Geometry(env, j, k, _anyNarrow, o.Derivatives || o.Chain);
        // Narrow terms need r_jk inside the cutoff too; beyond it their radial parts are 0.
        bool narrow = _anyNarrow && p.Rjk < _cutoff.Radius;
        if (!narrow && !_anyWide) return;
        if (!AngularParts(p.Cos, v.Angular)) return;
        double fjk = 0, dfjk = 0;
        if (narrow) _cutoff.Evaluate(p.Rjk, out fjk, out dfjk);
        double w = _weighted ? env.Z[j] * env.Z[k] : 1.0;
        RadialParts(ref v, p, w, narrow, fjk, dfjk, o.Derivatives || o.Chain, o.Derivatives);
        if (o.Chain) { Chain(ref v, p); return; }
        if (!o.Derivatives) { DenseValues(ref v); return; }
        NeighbourPairs.CosGradient(env, p, 1.0, out var cj, out var ck);
        var gauss = v.Gauss; var angular = v.Angular;
        int vectors = 4 * _qWidth;
        foreach (var (slot, q, a, pnorm) in _members)
        {
            double ang = angular[2 * a];
            if (double.IsNaN(ang)) continue;
            int g = vectors + 6 * q;
            double ef = gauss[q];
            o.Values[slot] += ang * ef;
            double s1 = pnorm * ang, s2 = pnorm * angular[2 * a + 1] * ef;
            NeighbourPairs.Add(ref o.At(slot, j), s1, new Vec3(gauss[g], gauss[g + 1], gauss[g + 2]), s2, cj);
            NeighbourPairs.Add(ref o.At(slot, k), s1, new Vec3(gauss[g + 3], gauss[g + 4], gauss[g + 5]), s2, ck);
        }
    }

    /// <summary>Values only: sums[q][a] += (E f_c)_q A_a for every Gaussian q, a vector at a time over the angular parts
    /// (A_a = 0 where 1 + lambda cos &lt;= 0 drops the term; entries that are no member's are never read).</summary>
    private void DenseValues(ref Visitor v)
    {
        ref double sums = ref MemoryMarshal.GetReference(v.Dense);
        ref double ef = ref MemoryMarshal.GetReference(v.Gauss);
        ref double ang = ref Unsafe.Add(ref MemoryMarshal.GetReference(v.Angular), 2 * _angular.Length);
        int lanes = Vector<double>.Count;
        for (int q = 0; q < _gaussians.Length; q++)
        {
            var e = new Vector<double>(Unsafe.Add(ref ef, q));
            for (int a = 0; a < _aWidth; a += lanes)
            {
                ref double row = ref Unsafe.Add(ref sums, q * _aWidth + a);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref row) + e * Vector.LoadUnsafe(ref ang, (nuint)a), ref row);
            }
        }
    }

    /// <summary>Chain mode: sum_m c_m dG_m/dr for the pair, collected as derivatives by r_ij, r_ik, r_jk and cos. With
    /// H_q = sum_a c_qa A_a and K_q = sum_a c_qa dA_a/dcos (a vector at a time over the Gaussians), s_ij = sum_q H_q
    /// d(E f_c)_q/dr_ij, likewise for r_ik and r_jk, and s_cos = sum_q K_q (E f_c)_q.</summary>
    private void Chain(ref Visitor v, in PairGeometry p)
    {
        ref var o = ref v.Out;
        int lanes = Vector<double>.Count, qw = _qWidth;
        ref double c0 = ref MemoryMarshal.GetReference(v.Dense);
        ref double ang = ref Unsafe.Add(ref MemoryMarshal.GetReference(v.Angular), 2 * _angular.Length);
        ref double dang = ref Unsafe.Add(ref ang, _aWidth);
        ref double g0 = ref MemoryMarshal.GetReference(v.Gauss);
        var vij = Vector<double>.Zero; var vik = Vector<double>.Zero; var vjk = Vector<double>.Zero; var vc = Vector<double>.Zero;
        for (int q = 0; q < qw; q += lanes)
        {
            var h = Vector<double>.Zero; var dh = Vector<double>.Zero;
            for (int a = 0; a < _angular.Length; a++)
            {
                var c = Vector.LoadUnsafe(ref c0, (nuint)(a * qw + q));
                h += c * new Vector<double>(Unsafe.Add(ref ang, a));
                dh += c * new Vector<double>(Unsafe.Add(ref dang, a));
            }
            vij += h * Vector.LoadUnsafe(ref g0, (nuint)(qw + q));
            vik += h * Vector.LoadUnsafe(ref g0, (nuint)(2 * qw + q));
            vjk += h * Vector.LoadUnsafe(ref g0, (nuint)(3 * qw + q));
            vc += dh * Vector.LoadUnsafe(ref g0, (nuint)q);
        }
        NeighbourPairs.AddGradient(o.Env, p, Vector.Sum(vij), Vector.Sum(vik), Vector.Sum(vjk), Vector.Sum(vc), ref o.Neighbour(p.J), ref o.Neighbour(p.K));
    }

    /// <summary>(1 + lambda cos)^zeta and d/dcos per angular part, interleaved (NaN when 1 + lambda cos &lt;= 0 drops the
    /// term), then the same as two dense rows of <see cref="_aWidth"/> with 0 for a dropped term; false when every
    /// part drops the pair.</summary>
    private bool AngularParts(double cos, Span<double> angular)
    {
        bool any = false;
        int dense = 2 * _angular.Length;
        for (int a = 0; a < _angular.Length; a++)
        {
            var (lambda, zeta, zetaInt, integer) = _angular[a];
            double plambda = 1.0 + lambda * cos;
            if (plambda <= 0.0) { angular[2 * a] = double.NaN; angular[dense + a] = 0; angular[dense + _aWidth + a] = 0; continue; }
            double powm1 = SymmetryFunction.Power(plambda, zeta - 1.0, zetaInt - 1, integer);
            angular[2 * a] = angular[dense + a] = powm1 * plambda;
            angular[2 * a + 1] = angular[dense + _aWidth + a] = zeta * lambda * powm1;
            any = true;
        }
        return any;
    }

    /// <summary>E f_c = w exp(-eta sum (r - r_s)^2) prod f_c per Gaussian (sums and products over ij, ik and, for narrow
    /// ones, jk) and its derivatives by the three distances (<paramref name="scalars"/>) as four rows of
    /// <see cref="_qWidth"/>, a vector of Gaussians at a time, then the gradients by r_j and r_k (<paramref name="vectors"/>),
    /// 6 per Gaussian; all 0 for narrow ones when r_jk is beyond the cutoff.</summary>
    private void RadialParts(ref Visitor v, in PairGeometry p, double w, bool narrowInside, double fjk, double dfjk, bool scalars, bool vectors)
    {
        int j = p.J, k = p.K, qw = _qWidth, lanes = Vector<double>.Count;
        double fij = v.Fc[j], dfij = v.DFc[j], fik = v.Fc[k], dfik = v.DFc[k];
        // Unchecked: Gauss holds 4 rows of _qWidth and 6 doubles per Gaussian, Rows _qWidth per neighbour.
        ref double g = ref MemoryMarshal.GetReference(v.Gauss);
        ref double ej = ref Unsafe.Add(ref MemoryMarshal.GetReference(v.Rows), j * qw);
        ref double ek = ref Unsafe.Add(ref MemoryMarshal.GetReference(v.Rows), k * qw);
        var one = Vector<double>.One;
        var vw = new Vector<double>(w);
        var vrij = new Vector<double>(p.Rij); var vrik = new Vector<double>(p.Rik); var vrjk = new Vector<double>(p.Rjk);
        for (int q = 0; q < qw; q += lanes)
        {
            var narrow = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_narrowMask), (nuint)q);
            var eta = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_etaV), (nuint)q);
            var shift = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_shiftV), (nuint)q);
            // Narrow Gaussians beyond the cutoff in r_jk give 0; the others keep their lanes.
            var keep = narrowInside ? Vector<long>.AllBitsSet : ~narrow;
            var sjk = Vector.ConditionalSelect(narrow, vrjk - shift, Vector<double>.Zero);
            var ejk = narrowInside && narrow != Vector<long>.Zero ? Vector.ConditionalSelect(narrow, Vector.Exp(-eta * sjk * sjk), one) : one;
            var f3 = Vector.ConditionalSelect(narrow, new Vector<double>(fjk), one);
            var fc = new Vector<double>(fij) * new Vector<double>(fik) * f3;
            var e = vw * Vector.LoadUnsafe(ref ej, (nuint)q) * Vector.LoadUnsafe(ref ek, (nuint)q) * ejk;
            Vector.StoreUnsafe(Vector.ConditionalSelect(keep, e * fc, Vector<double>.Zero), ref g, (nuint)q);
            if (!scalars) continue;
            var df3 = Vector.ConditionalSelect(narrow, new Vector<double>(dfjk), Vector<double>.Zero);
            var te = new Vector<double>(2.0) * eta * fc;
            var dij = e * (new Vector<double>(dfij) * new Vector<double>(fik) * f3 - te * (vrij - shift));
            var dik = e * (new Vector<double>(fij) * new Vector<double>(dfik) * f3 - te * (vrik - shift));
            var djk = Vector.ConditionalSelect(narrow, e * (new Vector<double>(fij) * new Vector<double>(fik) * df3 - te * sjk), Vector<double>.Zero);
            Vector.StoreUnsafe(Vector.ConditionalSelect(keep, dij, Vector<double>.Zero), ref g, (nuint)(qw + q));
            Vector.StoreUnsafe(Vector.ConditionalSelect(keep, dik, Vector<double>.Zero), ref g, (nuint)(2 * qw + q));
            Vector.StoreUnsafe(Vector.ConditionalSelect(keep, djk, Vector<double>.Zero), ref g, (nuint)(3 * qw + q));
        }
        if (!vectors) return;
        for (int q = 0; q < _gaussians.Length; q++)
        {
            NeighbourPairs.DistanceGradient(v.Out.Env, p, Unsafe.Add(ref g, qw + q), Unsafe.Add(ref g, 2 * qw + q), Unsafe.Add(ref g, 3 * qw + q),
                                            out var dj, out var dk);
            ref double gv = ref Unsafe.Add(ref g, 4 * qw + 6 * q);
            gv = dj.X; Unsafe.Add(ref gv, 1) = dj.Y; Unsafe.Add(ref gv, 2) = dj.Z;
            Unsafe.Add(ref gv, 3) = dk.X; Unsafe.Add(ref gv, 4) = dk.Y; Unsafe.Add(ref gv, 5) = dk.Z;
        }
    }
}
