using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tessera.Core;

namespace Tessera.Descriptors;

/// <summary>Polynomial angular functions (types 21, 22, 24, 25) of one type and element pair, in one pass over the
/// neighbour pairs (n2p2's groups): per pair one acos and 1/sqrt(1 - cos^2); per distinct angular window its core
/// value; per distinct radial function its support check and C(r_ij) C(r_ik) [C(r_jk)] (radial values cached per
/// atom). Members form a dense (radial x window) table, rows padded to whole vectors: a pair adds rad_u times the
/// windows' values to row u, and the force pass takes row u of dE/dG dotted with the windows' values and
/// derivatives, a vector at a time (Anisole_SCAN: 9 radials x 6 windows per group).</summary>
internal sealed class CompactAngularGroup : SymmetryFunctionGroup
{
    private readonly bool _narrow, _weighted;
    private readonly int _e1, _e2;
    private readonly double _lower, _upper;
    /// <summary>Distinct radial functions.</summary>
    private readonly CompactFunction[] _radial;
    /// <summary>Distinct angular windows (radians) with their compact functions.</summary>
    private readonly (CompactFunction F, double Left, double Right)[] _angular;
    /// <summary>Row length of the dense table: the windows padded to a multiple of the vector width.</summary>
    private readonly int _width;
    /// <summary>Slot of member (radial u, window a) at u * _width + a; -1 where the group has no such member.</summary>
    private readonly int[] _table;
    /// <summary>Members listed more than once (n2p2 files may): their cell, the slot the table holds, and their own.</summary>
    private readonly (int Cell, int Primary, int Slot)[] _copies;

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
        _lower = _radial.Min(c => c.Left); _upper = _radial.Max(c => c.Right);
        int lanes = Vector<double>.Count;
        _width = (_angular.Length + lanes - 1) / lanes * lanes;
        _table = new int[_radial.Length * _width];
        Array.Fill(_table, -1);
        var copies = new List<(int, int, int)>();
        for (int m = 0; m < members.Length; m++)
        {
            int cell = radialKeys.IndexOf(Key(members[m].Radial)) * _width + angularKeys.IndexOf(Key(members[m].Angular));
            if (_table[cell] < 0) _table[cell] = slots[m];
            else copies.Add((cell, _table[cell], slots[m]));
        }
        _copies = [.. copies];
    }

    public override void Compute(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values) =>
        Walk(env, new GroupOutput(env, derivatives, dn, stride, values, Slots));

    public override void Gradient(AtomEnvironment env, ReadOnlySpan<double> coefficients, Span<double> gradient) =>
        Walk(env, GroupOutput.ForGradient(env, coefficients, gradient, Slots));

    private void Walk(AtomEnvironment env, GroupOutput output)
    {
        env.CompactTable(_radial, out var f, out var d);
        // Values then d/dtheta of each window for the current pair, 0 outside a window and in the padding.
        Span<double> angular = stackalloc double[2 * _width];
        angular.Clear();
        // The dense table: values summed over the pairs, or in chain mode dE/dG of each member (0 where none).
        Span<double> table = _table.Length <= 1024 ? stackalloc double[_table.Length] : new double[_table.Length];
        table.Clear();
        if (output.Chain)
            for (int i = 0; i < _table.Length; i++)
                if (_table[i] >= 0) table[i] = output.Coefficients[_table[i]];
        if (output.Chain)
            foreach (var (cell, _, slot) in _copies) table[cell] += output.Coefficients[slot];
        // Bit u of a neighbour: r inside radial u's support (the first 64 radials; the rest are checked per pair).
        Span<ulong> support = env.Count <= 1024 ? stackalloc ulong[env.Count] : new ulong[env.Count];
        int masked = Math.Min(_radial.Length, 64);
        for (int n = 0; n < env.Count; n++)
        {
            double r = env.R[n];
            ulong bits = 0;
            for (int u = 0; u < masked; u++)
                if (_radial[u].Holds(r)) bits |= 1UL << u;
            support[n] = bits;
        }
        var v = new Visitor { Group = this, Out = output, F = f, D = d, Angular = angular, Table = table, Support = support };
        NeighbourPairs.Walk(env, _weighted, _e1, _e2, _lower, _upper, ref v);
        if (output.Chain) return;
        for (int i = 0; i < _table.Length; i++)
            if (_table[i] >= 0) output.Values[_table[i]] += table[i];
        foreach (var (cell, primary, slot) in _copies)
        {
            output.Values[slot] += table[cell];
            if (!output.Derivatives) continue;
            for (int n = 0; n < env.Count; n++)
                for (int c = 0; c < 3; c++) Unsafe.Add(ref output.At(slot, n), c) = Unsafe.Add(ref output.At(primary, n), c);
        }
    }

    private ref struct Visitor : IPairVisitor
    {
        public CompactAngularGroup Group;
        public GroupOutput Out;
        public ReadOnlySpan<double[]> F, D;
        /// <summary>Per angular window of the current pair: values [0, _width), d/dtheta [_width, 2 _width).</summary>
        public Span<double> Angular;
        /// <summary>The dense (radial x window) table of the current atom.</summary>
        public Span<double> Table;
        /// <summary>Per neighbour, the radials (u &lt; 64) whose support holds its distance.</summary>
        public ReadOnlySpan<ulong> Support;
        public void Visit(int j, int k) => Group.Pair(ref this, j, k);
    }

    private void Pair(ref Visitor v, int j, int k)
    {
        ref var o = ref v.Out;
        var env = o.Env;
        // The radials u < 64 with both r_ij and r_ik inside their support, walked bit by bit: no branch per radial.
        ulong both = v.Support[j] & v.Support[k];
        if (both == 0 && _radial.Length <= 64) return;
        bool gradients = o.Derivatives || o.Chain;
        var p = NeighbourPairs.Geometry(env, j, k, _narrow, gradients);
        if (p.Cos <= -1.0 || p.Cos >= 1.0) return;
        double theta = Math.Acos(p.Cos);
        if (!Windows(theta, v.Angular)) return;
        double w = _weighted ? env.Z[j] * env.Z[k] : 1.0;
        double rij = p.Rij, rik = p.Rik, dTheta = gradients ? -1.0 / Math.Sqrt(1.0 - p.Cos * p.Cos) : 0.0;
        // d theta/d r_j and d theta/d r_k, shared by every member: each member's derivative is
        // C_a'(theta) rad_u (d theta/d r) + C_a(theta) (d rad_u/d r).
        Vec3 tj = default, tk = default;
        if (o.Derivatives) NeighbourPairs.CosGradient(env, p, dTheta, out tj, out tk);
        // Chain mode sums c_m dG_m/dr as distance derivatives (s_ij, s_ik, s_jk) and a theta derivative s_t.
        double sij = 0, sik = 0, sjk = 0, st = 0;
        for (int u = -1; ;)
        {
            if (both != 0) { u = BitOperations.TrailingZeroCount(both); both &= both - 1; }
            else
            {
                u = Math.Max(u + 1, 64);
                if (u >= _radial.Length) break;
                if (!_radial[u].Holds(rij) || !_radial[u].Holds(rik)) continue;
            }
            ref readonly var c = ref _radial[u];
            double rl = c.Left, rc = c.Right;
            double fjk = 1, dfjk = 0;
            if (_narrow)
            {
                if (p.Rjk >= rc || p.Rjk * p.Rjk <= (rl > 0 ? rl * rl : 0.0)) continue;
                c.Evaluate(p.Rjk, out fjk, out dfjk);
            }
            double[] fu = v.F[u], du = v.D[u];
            double fij = fu[j], fik = fu[k];
            double rad = w * fij * fik * fjk;
            var row = v.Table.Slice(u * _width, _width);
            if (!gradients) { AddScaled(row, rad, v.Angular[.._width]); continue; }
            double dij = w * du[j] * fik * fjk, dik = w * fij * du[k] * fjk, djk = w * fij * fik * dfjk;
            if (!o.Chain)
            {
                AddScaled(row, rad, v.Angular[.._width]);
                Members(ref o, u, p, rad, dij, dik, djk, v.Angular, tj, tk);
                continue;
            }
            double a = Dot(row, v.Angular[.._width]), b = Dot(row, v.Angular[_width..]);
            sij += a * dij; sik += a * dik; sjk += a * djk; st += b * rad;
        }
        if (!o.Chain) return;
        NeighbourPairs.AddGradient(env, p, sij, sik, sjk, st * dTheta, ref o.Neighbour(j), ref o.Neighbour(k));
    }

    /// <summary>dG/dr of the members of radial function u for the current pair (their values go to the table).</summary>
    private void Members(ref GroupOutput o, int u, in PairGeometry p, double rad, double dij, double dik, double djk,
                         Span<double> angular, in Vec3 tj, in Vec3 tk)
    {
        NeighbourPairs.DistanceGradient(o.Env, p, dij, dik, djk, out var rj, out var rk);
        for (int a = 0; a < _angular.Length; a++)
        {
            int slot = _table[u * _width + a];
            if (slot < 0) continue;
            double ang = angular[a], dang = rad * angular[_width + a];
            if (ang == 0 && dang == 0) continue;   // outside the window
            NeighbourPairs.Add(ref o.At(slot, p.J), ang, rj, dang, tj);
            NeighbourPairs.Add(ref o.At(slot, p.K), ang, rk, dang, tk);
        }
    }

    /// <summary>row += s x, a vector at a time (both whole vectors long).</summary>
    private static void AddScaled(Span<double> row, double s, ReadOnlySpan<double> x)
    {
        var r = MemoryMarshal.Cast<double, Vector<double>>(row);
        var xs = MemoryMarshal.Cast<double, Vector<double>>(x);
        for (int i = 0; i < r.Length; i++) r[i] += s * xs[i];
    }

    /// <summary>sum_i row_i x_i, a vector at a time (both whole vectors long).</summary>
    private static double Dot(ReadOnlySpan<double> row, ReadOnlySpan<double> x)
    {
        var r = MemoryMarshal.Cast<double, Vector<double>>(row);
        var xs = MemoryMarshal.Cast<double, Vector<double>>(x);
        var sum = Vector<double>.Zero;
        for (int i = 0; i < r.Length; i++) sum += r[i] * xs[i];
        return Vector.Sum(sum);
    }

    /// <summary>Each window's core value and its derivative by theta (0 outside); false when the angle lies
    /// outside every window.</summary>
    private bool Windows(double theta, Span<double> angular)
    {
        bool any = false;
        for (int a = 0; a < _angular.Length; a++)
        {
            var (f, left, right) = _angular[a];
            if (theta < left || theta > right) { angular[a] = 0; angular[_width + a] = 0; continue; }
            f.Evaluate(theta, out double value, out double dValue);
            angular[a] = value; angular[_width + a] = dValue;
            any = true;
        }
        return any;
    }
}
