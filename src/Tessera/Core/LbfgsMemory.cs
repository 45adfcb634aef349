namespace Tessera.Core;

/// <summary>The curvature pairs of limited-memory BFGS and the two-loop recursion (Nocedal and Wright, alg. 7.4):
/// the one implementation behind geometry optimisation and network training.</summary>
public sealed class LbfgsMemory(int size)
{
    private readonly List<(double[] S, double[] Y, double Rho)> _pairs = [];

    public int Count => _pairs.Count;

    public void Clear() => _pairs.Clear();

    /// <summary>The pairs, oldest first (shared arrays: for checkpoints, which copy them out).</summary>
    public IReadOnlyList<(double[] S, double[] Y, double Rho)> Pairs => _pairs;

    /// <summary>Replaces the pairs with <paramref name="pairs"/> (from <see cref="Pairs"/> of a checkpoint), as they were.</summary>
    public void Restore(IEnumerable<(double[] S, double[] Y, double Rho)> pairs)
    {
        _pairs.Clear();
        _pairs.AddRange(pairs);
        if (_pairs.Count > size) throw new ArgumentException($"{_pairs.Count} curvature pairs do not fit a memory of {size}.");
    }

    /// <summary>Remembers the step s = x_new - x_old and the gradient change y; a pair with y.s &lt;= 0 would make
    /// the inverse Hessian indefinite, and one with y.s tiny against |y||s| ill-conditioned: both are skipped (false).</summary>
    public bool Add(double[] s, double[] y)
    {
        double ys = Dot(y, s);
        if (!(ys > 1e-10 * Math.Sqrt(Dot(y, y) * Dot(s, s)))) return false;
        _pairs.Add((s, y, 1 / ys));
        if (_pairs.Count > size) _pairs.RemoveAt(0);
        return true;
    }

    /// <summary>s.y / y.y of the newest pair: the usual scale of the initial inverse Hessian (N&amp;W eq. 7.20); null when empty.</summary>
    public double? NewestScale
    {
        get
        {
            if (_pairs.Count == 0) return null;
            var (_, y, rho) = _pairs[^1];
            return 1 / (rho * Dot(y, y));
        }
    }

    /// <summary>The descent direction -H g, with H0 = <paramref name="initialScale"/> times the identity.</summary>
    public double[] Direction(ReadOnlySpan<double> g, double initialScale)
    {
        var q = g.ToArray();
        var a = new double[_pairs.Count];
        for (int k = _pairs.Count - 1; k >= 0; k--)
        {
            var (s, y, rho) = _pairs[k];
            a[k] = rho * Dot(s, q);
            for (int i = 0; i < q.Length; i++) q[i] -= a[k] * y[i];
        }
        for (int i = 0; i < q.Length; i++) q[i] *= initialScale;
        for (int k = 0; k < _pairs.Count; k++)
        {
            var (s, y, rho) = _pairs[k];
            double b = rho * Dot(y, q);
            for (int i = 0; i < q.Length; i++) q[i] += s[i] * (a[k] - b);
        }
        for (int i = 0; i < q.Length; i++) q[i] = -q[i];
        return q;
    }

    public static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v) => System.Numerics.Tensors.TensorPrimitives.Dot(u, v);
}
