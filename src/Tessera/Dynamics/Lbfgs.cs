using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Dynamics;

/// <summary>Limited-memory BFGS (two-loop recursion, Nocedal and Wright alg. 7.4) with a scalar initial inverse
/// Hessian 1/alpha (alpha in eV/A^2, ASE's 70) and no line search: the step is capped, and the memory is
/// reset when the energy rises or the direction is not downhill.</summary>
public sealed class Lbfgs(int memory = 20, double alpha = 70.0) : IOptimizer
{
    private readonly List<(double[] S, double[] Y, double Rho)> _history = [];
    private double[]? _lastX, _lastG;
    private double _lastEnergy = double.PositiveInfinity;

    public string Name => "lbfgs";

    public void Step(OptimizationState state, IPotential potential, double maxStep)
    {
        var x = Vec3.AsDoubles(state.Structure.Positions.AsSpan()).ToArray();
        var g = Vec3.AsDoubles(state.Forces.AsSpan()).ToArray();
        for (int i = 0; i < g.Length; i++) g[i] = -g[i];
        if (state.Energy > _lastEnergy) _history.Clear();
        else Remember(x, g);
        var d = Direction(g);
        double slope = 0;
        for (int i = 0; i < d.Length; i++) slope += d[i] * g[i];
        if (slope >= 0) { _history.Clear(); d = Direction(g); }
        _lastX = x; _lastG = g; _lastEnergy = state.Energy;
        var dr = new Vec3[state.Structure.Count];
        d.CopyTo(Vec3.AsDoubles(dr.AsSpan()));
        state.Displace(dr, maxStep);
        state.Update(potential);
    }

    private void Remember(double[] x, double[] g)
    {
        if (_lastX is null || _lastG is null) return;
        var s = new double[x.Length]; var y = new double[x.Length];
        double ys = 0;
        for (int i = 0; i < x.Length; i++) { s[i] = x[i] - _lastX[i]; y[i] = g[i] - _lastG[i]; ys += y[i] * s[i]; }
        if (ys <= 1e-12) return; // curvature condition fails: the pair would make H indefinite
        _history.Add((s, y, 1 / ys));
        if (_history.Count > memory) _history.RemoveAt(0);
    }

    /// <summary>-H g by the two-loop recursion.</summary>
    private double[] Direction(double[] g)
    {
        var q = (double[])g.Clone();
        var a = new double[_history.Count];
        for (int k = _history.Count - 1; k >= 0; k--)
        {
            var (s, y, rho) = _history[k];
            a[k] = rho * Dot(s, q);
            for (int i = 0; i < q.Length; i++) q[i] -= a[k] * y[i];
        }
        for (int i = 0; i < q.Length; i++) q[i] /= alpha;
        for (int k = 0; k < _history.Count; k++)
        {
            var (s, y, rho) = _history[k];
            double b = rho * Dot(y, q);
            for (int i = 0; i < q.Length; i++) q[i] += s[i] * (a[k] - b);
        }
        for (int i = 0; i < q.Length; i++) q[i] = -q[i];
        return q;
    }

    private static double Dot(double[] u, double[] v)
    {
        double sum = 0;
        for (int i = 0; i < u.Length; i++) sum += u[i] * v[i];
        return sum;
    }
}
