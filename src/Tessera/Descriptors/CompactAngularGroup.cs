using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tessera.Core;

namespace Tessera.Descriptors;

/// <summary>Polynomial angular functions (types 21, 22, 24, 25) of one type and element pair, in one pass over the
/// neighbour pairs (n2p2's groups): per pair one acos and 1/sqrt(1 - cos^2); per distinct angular window its core
/// value; per distinct radial function its support check and C(r_ij) C(r_ik) [C(r_jk)] (radial values cached per
/// atom); then each member multiplies the two and scatters its derivatives.</summary>
internal sealed class CompactAngularGroup : SymmetryFunctionGroup
{
    private readonly bool _narrow, _weighted;
    private readonly int _e1, _e2;
    private readonly double _lower, _upper;
    /// <summary>Distinct radial functions; the members of radial u are _byRadial[_start[u] .. _start[u + 1]).</summary>
    private readonly CompactFunction[] _radial;
    private readonly int[] _start;
    /// <summary>Distinct angular windows (radians) with their compact functions.</summary>
    private readonly (CompactFunction F, double Left, double Right)[] _angular;
    /// <summary>Members sorted by radial function: (slot, angular window).</summary>
    private readonly (int Slot, int Angular)[] _byRadial;

    public CompactAngularGroup(CompactAngularFunction[] members, int[] slots) : base(slots)
    {
        var f0 = members[0];
        _narrow = f0.IsNarrow; _weighted = f0.IsWeighted; _e1 = f0.Neighbour1; _e2 = f0.Neighbour2;
        static (CoreFunctionKind, bool, double, double) Key(CompactFunction c) => (c.Kind, c.Asymmetric, c.Left, c.Right);
        var radialKeys = members.Select(m => Key(m.Radial)).Distinct().ToList();
        var angularKeys = members.Select(m => Key(m.Angular)).Distinct().ToList();
        _radial = [.. radialKeys.Select(k => members.First(m => Key(m.Radial) == k).Radial)];
        _angular = [.. angularKeys.Select(k => members.First(m => Key(m.Angular) == k))
                                  .Select(m => (m.Angular, m.LeftRadians, m.RightRadians))];
        var order = Enumerable.Range(0, members.Length).OrderBy(m => radialKeys.IndexOf(Key(members[m].Radial))).ToArray();
        _byRadial = [.. order.Select(m => (slots[m], angularKeys.IndexOf(Key(members[m].Angular))))];
        _start = new int[_radial.Length + 1];
        foreach (int m in order) _start[radialKeys.IndexOf(Key(members[m].Radial)) + 1]++;
        for (int u = 0; u < _radial.Length; u++) _start[u + 1] += _start[u];
        _lower = _radial.Min(c => c.Left); _upper = _radial.Max(c => c.Right);
    }

    public override void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values) =>
        Walk(env, new GroupOutput(env, derivatives, dn, stride, values, Slots));

    public override void Gradient(AtomEnvironment env, ReadOnlySpan<double> coefficients, Span<double> gradient) =>
        Walk(env, GroupOutput.ForGradient(env, coefficients, gradient, Slots));

    private void Walk(AtomEnvironment env, GroupOutput output)
    {
        env.CompactTable(_radial, out var f, out var d);
        Span<double> angular = stackalloc double[2 * _angular.Length];
        var v = new Visitor { Group = this, Out = output, F = f, D = d, Angular = angular };
        NeighbourPairs.Walk(env, _weighted, _e1, _e2, _lower, _upper, ref v);
    }

    private ref struct Visitor : IPairVisitor
    {
        public CompactAngularGroup Group;
        public GroupOutput Out;
        public ReadOnlySpan<double[]> F, D;
        /// <summary>Per angular window of the current pair: value and d/dtheta, or NaN outside the window.</summary>
        public Span<double> Angular;
        public void Visit(int j, int k) => Group.Pair(ref this, j, k);
    }

    private void Pair(ref Visitor v, int j, int k)
    {
        ref var o = ref v.Out;
        var env = o.Env;
        var p = NeighbourPairs.Geometry(env, j, k, _narrow);
        if (p.Cos <= -1.0 || p.Cos >= 1.0) return;
        double theta = Math.Acos(p.Cos);
        if (!Windows(theta, v.Angular)) return;
        double w = _weighted ? env.Z[j] * env.Z[k] : 1.0;
        double rij = p.Rij, rik = p.Rik, dTheta = -1.0 / Math.Sqrt(1.0 - p.Cos * p.Cos);
        // d theta/d r_j and d theta/d r_k, shared by every member: each member's derivative is
        // C_a'(theta) rad_u (d theta/d r) + C_a(theta) (d rad_u/d r).
        Vec3 tj = default, tk = default;
        if (o.Derivatives) NeighbourPairs.CosGradient(env, p, dTheta, out tj, out tk);
        // Chain mode sums c_m dG_m/dr as distance derivatives (s_ij, s_ik, s_jk) and a theta derivative s_t.
        double sij = 0, sik = 0, sjk = 0, st = 0;
        for (int u = 0; u < _radial.Length; u++)
        {
            ref readonly var c = ref _radial[u];
            double rl = c.Left, rc = c.Right;
            if (rij >= rc || rij <= rl || rik >= rc || rik <= rl) continue;
            double fjk = 1, dfjk = 0;
            if (_narrow)
            {
                if (p.Rjk >= rc || p.Rjk * p.Rjk <= (rl > 0 ? rl * rl : 0.0)) continue;
                c.Evaluate(p.Rjk, out fjk, out dfjk);
            }
            double[] fu = v.F[u], du = v.D[u];
            double fij = fu[j], fik = fu[k];
            double rad = w * fij * fik * fjk;
            double dij = w * du[j] * fik * fjk, dik = w * fij * du[k] * fjk, djk = w * fij * fik * dfjk;
            if (!o.Chain) { Members(ref o, u, p, rad, dij, dik, djk, v.Angular, tj, tk); continue; }
            var (a, b) = ChainSums(u, o.Coefficients, v.Angular);
            sij += a * dij; sik += a * dik; sjk += a * djk; st += b * rad;
        }
        if (!o.Chain) return;
        NeighbourPairs.AddGradient(env, p, sij, sik, sjk, st * dTheta, ref o.Neighbour(j), ref o.Neighbour(k));
    }

    /// <summary>Values and derivatives of the members of radial function u for the current pair.</summary>
    private void Members(ref GroupOutput o, int u, in PairGeometry p, double rad, double dij, double dik, double djk,
                         Span<double> angular, in Vec3 tj, in Vec3 tk)
    {
        Vec3 rj = default, rk = default;
        if (o.Derivatives) NeighbourPairs.DistanceGradient(o.Env, p, dij, dik, djk, out rj, out rk);
        for (int m = _start[u]; m < _start[u + 1]; m++)
        {
            var (slot, a) = _byRadial[m];
            double ang = angular[2 * a];
            if (double.IsNaN(ang)) continue;
            o.Values[slot] += rad * ang;
            if (!o.Derivatives) continue;
            double dang = rad * angular[2 * a + 1];
            NeighbourPairs.Add(ref o.At(slot, p.J), ang, rj, dang, tj);
            NeighbourPairs.Add(ref o.At(slot, p.K), ang, rk, dang, tk);
        }
    }

    /// <summary>sum_m c_m C_a(theta) and sum_m c_m C_a'(theta) over the members of radial function u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double A, double B) ChainSums(int u, ReadOnlySpan<double> c, Span<double> angular)
    {
        double a = 0, b = 0;
        // Unchecked reads: member indices are fixed at construction and ForGradient checked the coefficients.
        ref double a0 = ref MemoryMarshal.GetReference(angular);
        ref double c0 = ref MemoryMarshal.GetReference(c);
        for (int m = _start[u]; m < _start[u + 1]; m++)
        {
            var (slot, w) = _byRadial[m];
            double ang = Unsafe.Add(ref a0, 2 * w);
            if (double.IsNaN(ang)) continue;
            double cs = Unsafe.Add(ref c0, slot);
            a += cs * ang; b += cs * Unsafe.Add(ref a0, 2 * w + 1);
        }
        return (a, b);
    }

    /// <summary>Each window's core value and its derivative by theta (NaN outside); false when the angle lies
    /// outside every window.</summary>
    private bool Windows(double theta, Span<double> angular)
    {
        bool any = false;
        for (int a = 0; a < _angular.Length; a++)
        {
            var (f, left, right) = _angular[a];
            if (theta < left || theta > right) { angular[2 * a] = double.NaN; continue; }
            f.Evaluate(theta, out double value, out double dValue);
            angular[2 * a] = value; angular[2 * a + 1] = dValue;
            any = true;
        }
        return any;
    }
}
