using System.Numerics;
using System.Runtime.InteropServices;

namespace Tessera.Descriptors;

/// <summary>The angular features of <see cref="FragmentDescriptor"/> in matrix form. With the arm Gaussians
/// x = g(a), y = g(b) of an angle (m grid values each) and its cosine c, feature (p &lt;= q, e) of a block is the sum over
/// the block's angles of 1/2 (x_p y_q + x_q y_p) c^e: the symmetric part of the moment M_e = sum c^e x y^T. So a pass
/// adds outer products into M (rows padded to whole vectors) and symmetrises once per block, and a gradient contracts each
/// angle with the weights spread into symmetric matrices S_e (S_pq = S_qp = w_pqe / 2, S_pp = w_ppe): a few vector
/// operations per row of the grid, where feature by feature it was some 250 scalar operations per angle.</summary>
internal sealed class AngularMoments
{
    public AngularMoments(int arms, int powers)
    {
        Arms = arms;
        Powers = powers;
        Stride = (arms + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count;
        BlockLength = powers * arms * Stride;
        Features = arms * (arms + 1) / 2 * powers;
    }

    /// <summary>Grid values m per arm.</summary>
    public int Arms { get; }
    public int Powers { get; }
    /// <summary>Row length of a moment matrix: m rounded up to whole vectors (the padding stays zero).</summary>
    public int Stride { get; }
    /// <summary>Doubles of one block's moments (or weights): Powers x m x Stride.</summary>
    public int BlockLength { get; }
    /// <summary>Features of one block: m (m + 1) / 2 x Powers, ordered p, then q &gt;= p, then e.</summary>
    public int Features { get; }

    /// <summary>moments[e] += scale c^e x y^T for every power e, with c^0 = 1.</summary>
    public void AddOuter(Span<double> moments, double c, double scale, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double ce = scale;
        for (int e = 0; e < Powers; e++, ce *= c)
            for (int p = 0; p < Arms; p++)
                if (x[p] != 0) Axpy(ce * x[p], y, moments.Slice((e * Arms + p) * Stride, Stride));
    }

    /// <summary>moments[e] += scale e c^(e-1) x y^T for every power e (the c-derivative of <see cref="AddOuter"/>).</summary>
    public void AddOuterSlope(Span<double> moments, double c, double scale, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double ce = scale; // scale c^(e-1)
        for (int e = 1; e < Powers; e++, ce *= c)
            for (int p = 0; p < Arms; p++)
                if (x[p] != 0) Axpy(e * ce * x[p], y, moments.Slice((e * Arms + p) * Stride, Stride));
    }

    /// <summary>features += the symmetric part of one block's moments.</summary>
    public void Symmetrise(ReadOnlySpan<double> moments, Span<double> features)
    {
        int f = 0;
        for (int p = 0; p < Arms; p++)
            for (int q = p; q < Arms; q++)
                for (int e = 0; e < Powers; e++, f++)
                {
                    double pq = moments[(e * Arms + p) * Stride + q];
                    features[f] += p == q ? pq : 0.5 * (pq + moments[(e * Arms + q) * Stride + p]);
                }
    }

    /// <summary>One block's weights (features order) as the symmetric matrices S_e.</summary>
    public void Spread(ReadOnlySpan<double> weights, Span<double> s)
    {
        s.Clear();
        int f = 0;
        for (int p = 0; p < Arms; p++)
            for (int q = p; q < Arms; q++)
                for (int e = 0; e < Powers; e++, f++)
                {
                    double w = p == q ? weights[f] : 0.5 * weights[f];
                    s[(e * Arms + p) * Stride + q] = w;
                    s[(e * Arms + q) * Stride + p] = w;
                }
    }

    /// <summary>For one angle: d/da, d/db and d/dc of sum_f w_f A_f, from S (<see cref="Spread"/>), the arm Gaussians x, y
    /// and their slopes dx, dy (padded to <see cref="Stride"/>):
    /// sum_e c^e dx^T S_e y, sum_e c^e x^T S_e dy and sum_e e c^(e-1) x^T S_e y.</summary>
    public (double DA, double DB, double DC) Contract(ReadOnlySpan<double> s, double c, ReadOnlySpan<double> x, ReadOnlySpan<double> dx,
                                                      ReadOnlySpan<double> y, ReadOnlySpan<double> dy)
    {
        int v = Vector<double>.Count;
        ref double sr = ref MemoryMarshal.GetReference(s);
        double da = 0, db = 0, dc = 0;
        for (int q0 = 0; q0 < Stride; q0 += v)
        {
            // u = sum_p dx_p r_p, t = sum_p x_p r_p, t' = sum_p x_p r'_p over this chunk of columns, with
            // r_p = sum_e c^e S_e[p, .] and r'_p = sum_e e c^(e-1) S_e[p, .].
            Vector<double> u = default, t = default, tc = default;
            for (int p = 0; p < Arms; p++)
            {
                Vector<double> r = default, rc = default;
                double ce = 1, slope = 0;
                for (int e = 0; e < Powers; e++)
                {
                    var row = Vector.LoadUnsafe(ref sr, (nuint)((e * Arms + p) * Stride + q0));
                    r += ce * row;
                    rc += slope * row;
                    slope = (e + 1) * ce;
                    ce *= c;
                }
                u += dx[p] * r;
                t += x[p] * r;
                tc += x[p] * rc;
            }
            var yq = new Vector<double>(y.Slice(q0, v));
            da += Vector.Dot(u, yq);
            db += Vector.Dot(t, new Vector<double>(dy.Slice(q0, v)));
            dc += Vector.Dot(tc, yq);
        }
        return (da, db, dc);
    }

    /// <summary>y += a x over the padded row.</summary>
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int v = Vector<double>.Count;
        var va = new Vector<double>(a);
        for (int k = 0; k < y.Length; k += v) (new Vector<double>(y.Slice(k, v)) + va * new Vector<double>(x.Slice(k, v))).CopyTo(y.Slice(k, v));
    }
}
