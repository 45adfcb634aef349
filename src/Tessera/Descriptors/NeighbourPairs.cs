using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tessera.Core;

namespace Tessera.Descriptors;

/// <summary>Geometry of one neighbour pair (j, k) of the central atom with the reciprocals every angular
/// derivative needs, computed once per pair and shared by all members of a group.</summary>
internal struct PairGeometry
{
    public int J, K;
    public double Rij, Rik, Rjk, Cos, Jx, Jy, Jz;
    /// <summary>1/r_ij, 1/r_ik, 1/(r_ij r_ik), cos/r_ij^2, cos/r_ik^2, 1/r_jk (0 for wide functions).</summary>
    public double InvRij, InvRik, Inv, CosRij2, CosRik2, InvRjk;
}

/// <summary>Visits the neighbour pairs j &lt; k (in neighbour-list order) that a group needs; the JIT specialises
/// the walk for each visitor struct, so the per-pair call is inlined.</summary>
internal interface IPairVisitor
{
    void Visit(int j, int k);
}

/// <summary>Visits single neighbours (radial groups), specialised per visitor struct as <see cref="IPairVisitor"/>.</summary>
internal interface INeighbourVisitor
{
    void Visit(int j, double weight);
}

/// <summary>Where a group's results go for the current atom: values[slot] and, with derivatives, the 3 doubles of
/// dG_slot/dr_j at <see cref="At"/> (bounds checked once by <see cref="NeighbourPairs.Rows"/>).</summary>
internal ref struct GroupOutput
{
    public AtomEnvironment Env;
    public bool Derivatives;
    public Span<double> Values;
    public ref double Rows;
    public int Stride;

    public GroupOutput(AtomEnvironment env, bool derivatives, Span<double> dn, int stride, Span<double> values, ReadOnlySpan<int> slots)
    {
        Env = env; Derivatives = derivatives; Values = values; Stride = stride;
        foreach (int s in slots) values[s] = 0;
        if (derivatives) Rows = ref NeighbourPairs.Rows(dn, slots, stride, env.Count);
    }

    /// <summary>Chain mode (<see cref="SymmetryFunctionGroup.Gradient"/>): dE/dG by slot; Rows then holds 3 doubles
    /// per neighbour, sum_m c_m dG_m/dr_j, and Values is empty.</summary>
    public ReadOnlySpan<double> Coefficients;
    public bool Chain;

    /// <summary>Chain mode: adds sum_m c[slot_m] dG_m/dr_j to gradient[3 j ..] (bounds checked here, once).</summary>
    public static GroupOutput ForGradient(AtomEnvironment env, ReadOnlySpan<double> coefficients, Span<double> gradient, ReadOnlySpan<int> slots)
    {
        int last = 0;
        foreach (int s in slots) last = Math.Max(last, s);
        if (coefficients.Length <= last || gradient.Length < 3 * env.Count)
            throw new ArgumentException($"{coefficients.Length} coefficients for slot {last} or {gradient.Length} doubles for {env.Count} neighbours.");
        var o = new GroupOutput { Env = env, Coefficients = coefficients, Chain = true, Stride = 3 };
        o.Rows = ref MemoryMarshal.GetReference(gradient);
        return o;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref double At(int slot, int j) => ref Unsafe.Add(ref Rows, j * Stride + 3 * slot);

    /// <summary>Chain mode: the 3 doubles of neighbour j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref double Neighbour(int j) => ref Unsafe.Add(ref Rows, 3 * j);
}

internal static class NeighbourPairs
{
    /// <summary>Every neighbour weighted by Z_j when <paramref name="all"/> (weighted types), else those of element e, weight 1.</summary>
    public static void Each<T>(AtomEnvironment env, bool all, int e, ref T visitor) where T : struct, INeighbourVisitor, allows ref struct
    {
        if (all)
            for (int j = 0; j < env.Count; j++) visitor.Visit(j, env.Z[j]);
        else
            foreach (int j in env.NeighboursOfElement(e)) visitor.Visit(j, 1.0);
    }

    /// <summary>Pairs with both distances in (lower, upper): over all neighbours when <paramref name="all"/>
    /// (weighted types), over elements e1 = e2 within one list, else one of e1 with one of e2.</summary>
    public static void Walk<T>(AtomEnvironment env, bool all, int e1, int e2, double lower, double upper, ref T visitor)
        where T : struct, IPairVisitor, allows ref struct
    {
        var r = env.R;
        if (all)
        {
            int n = env.Count;
            for (int j = 0; j < n - 1; j++)
            {
                if (r[j] >= upper || r[j] <= lower) continue;
                for (int k = j + 1; k < n; k++) if (r[k] < upper && r[k] > lower) visitor.Visit(j, k);
            }
        }
        else if (e1 == e2)
        {
            var list = env.NeighboursOfElement(e1);
            for (int a = 0; a < list.Length - 1; a++)
            {
                int j = list[a];
                if (r[j] >= upper || r[j] <= lower) continue;
                for (int b = a + 1; b < list.Length; b++) if (r[list[b]] < upper && r[list[b]] > lower) visitor.Visit(j, list[b]);
            }
        }
        else
        {
            var l1 = env.NeighboursOfElement(e1);
            var l2 = env.NeighboursOfElement(e2);
            foreach (int j in l1)
            {
                if (r[j] >= upper || r[j] <= lower) continue;
                foreach (int k in l2) if (r[k] < upper && r[k] > lower) visitor.Visit(j, k);
            }
        }
    }

    /// <summary>Distances, cosine and reciprocals of pair (j, k); r_jk only when <paramref name="narrow"/>; the
    /// reciprocals only derivatives use (cos/r^2, 1/r_jk) only with <paramref name="gradients"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PairGeometry Geometry(AtomEnvironment env, int j, int k, bool narrow, bool gradients = true)
    {
        var dx = env.Dx; var dy = env.Dy; var dz = env.Dz;
        var p = new PairGeometry { J = j, K = k, Rij = env.R[j], Rik = env.R[k] };
        p.Jx = dx[k] - dx[j]; p.Jy = dy[k] - dy[j]; p.Jz = dz[k] - dz[j];
        if (narrow) p.Rjk = Math.Sqrt(p.Jx * p.Jx + p.Jy * p.Jy + p.Jz * p.Jz);
        p.InvRij = env.InvR[j]; p.InvRik = env.InvR[k];
        p.Inv = p.InvRij * p.InvRik;
        p.Cos = (dx[j] * dx[k] + dy[j] * dy[k] + dz[j] * dz[k]) * p.Inv;
        if (!gradients) return p;
        p.CosRij2 = p.Cos * p.InvRij * p.InvRij;
        p.CosRik2 = p.Cos * p.InvRik * p.InvRik;
        p.InvRjk = narrow ? 1.0 / p.Rjk : 0.0;
        return p;
    }

    /// <summary>s d cos/d r_j = s (d_k/(r_j r_k) - cos d_j/r_j^2) and the same for k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CosGradient(AtomEnvironment env, in PairGeometry p, double s, out Vec3 j, out Vec3 k)
    {
        double a = s * p.Inv, bj = s * p.CosRij2, bk = s * p.CosRik2;
        double xj = env.Dx[p.J], yj = env.Dy[p.J], zj = env.Dz[p.J], xk = env.Dx[p.K], yk = env.Dy[p.K], zk = env.Dz[p.K];
        j = new Vec3(a * xk - bj * xj, a * yk - bj * yj, a * zk - bj * zj);
        k = new Vec3(a * xj - bk * xk, a * yj - bk * yk, a * zj - bk * zk);
    }

    /// <summary>The gradients by r_j and r_k of a term with distance derivatives dT/dr_ij, dT/dr_ik, dT/dr_jk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DistanceGradient(AtomEnvironment env, in PairGeometry p, double dTdrij, double dTdrik, double dTdrjk, out Vec3 j, out Vec3 k)
    {
        double a = dTdrij * p.InvRij, b = dTdrik * p.InvRik, c = dTdrjk * p.InvRjk;
        j = new Vec3(a * env.Dx[p.J] - c * p.Jx, a * env.Dy[p.J] - c * p.Jy, a * env.Dz[p.J] - c * p.Jz);
        k = new Vec3(b * env.Dx[p.K] + c * p.Jx, b * env.Dy[p.K] + c * p.Jy, b * env.Dz[p.K] + c * p.Jz);
    }

    /// <summary>Adds the gradients by r_j and r_k of a term with derivatives dT/dr_ij, dT/dr_ik, dT/dr_jk and dT/dcos
    /// (<see cref="DistanceGradient"/> plus <see cref="CosGradient"/>, gathered per vector: three coefficients each) to
    /// the 3 doubles at <paramref name="gj"/> and at <paramref name="gk"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddGradient(AtomEnvironment env, in PairGeometry p, double dTdrij, double dTdrik, double dTdrjk, double dTdcos,
                                   ref double gj, ref double gk)
    {
        double a = dTdcos * p.Inv, c = dTdrjk * p.InvRjk;
        double bj = dTdrij * p.InvRij - dTdcos * p.CosRij2, bk = dTdrik * p.InvRik - dTdcos * p.CosRik2;
        double xj = env.Dx[p.J], yj = env.Dy[p.J], zj = env.Dz[p.J], xk = env.Dx[p.K], yk = env.Dy[p.K], zk = env.Dz[p.K];
        gj += bj * xj + a * xk - c * p.Jx; Unsafe.Add(ref gj, 1) += bj * yj + a * yk - c * p.Jy; Unsafe.Add(ref gj, 2) += bj * zj + a * zk - c * p.Jz;
        gk += bk * xk + a * xj + c * p.Jx; Unsafe.Add(ref gk, 1) += bk * yk + a * yj + c * p.Jy; Unsafe.Add(ref gk, 2) += bk * zk + a * zj + c * p.Jz;
    }

    /// <summary>g += s (x, y, z), for the 3 doubles at g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref double g, double s, double x, double y, double z)
    {
        g += s * x; Unsafe.Add(ref g, 1) += s * y; Unsafe.Add(ref g, 2) += s * z;
    }

    /// <summary>g += s u + t v, for the 3 doubles at g.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref double g, double s, in Vec3 u, double t, in Vec3 v)
    {
        g += s * u.X + t * v.X;
        Unsafe.Add(ref g, 1) += s * u.Y + t * v.Y;
        Unsafe.Add(ref g, 2) += s * u.Z + t * v.Z;
    }

    /// <summary>Checks once that dn holds every member's derivatives for every neighbour (dn[j * stride + 3 slot ..],
    /// see <see cref="SymmetryFunctionGroup"/>), so that the per-pair writes can go without bounds checks.</summary>
    public static ref double Rows(Span<double> dn, ReadOnlySpan<int> slots, int stride, int neighbours)
    {
        int last = 0;
        foreach (int s in slots) last = Math.Max(last, s);
        if (stride < 3 * (last + 1) || neighbours * stride > dn.Length)
            throw new ArgumentException($"Derivative storage too small: {dn.Length} doubles for slot {last}, stride {stride}, {neighbours} neighbours.");
        return ref MemoryMarshal.GetReference(dn);
    }
}
