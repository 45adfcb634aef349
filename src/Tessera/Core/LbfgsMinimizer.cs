namespace Tessera.Core;

/// <summary>Full-batch L-BFGS with a backtracking line search (Armijo condition, c1 = 1e-4), for fitting
/// parameters to a loss. The first step, and any step after a reset, is steepest descent scaled by
/// <c>firstStep</c>; later steps use the curvature pairs with H0 = s.y/y.y.</summary>
public sealed class LbfgsMinimizer(int memory)
{
    /// <summary>Loss at <paramref name="x"/>, with its gradient written into <paramref name="gradient"/>. It may have
    /// side effects (e.g. loading x into a network): after every Iterate the last call was at the returned x.</summary>
    public delegate double Objective(double[] x, double[] gradient);

    private const double Armijo = 1e-4;
    private const int MaxHalvings = 30;
    private readonly LbfgsMemory _memory = new(memory);
    private double[]? _gradient;
    private double _loss;

    /// <summary>Loss at the current point (NaN before the first iteration).</summary>
    public double Loss => _gradient is null ? double.NaN : _loss;

    /// <summary>A copy of what the next iteration depends on besides x (the pairs, and the gradient and loss at x; no
    /// gradient before the first iteration), for checkpoints.</summary>
    public LbfgsState State => new(_memory.Pairs.Select(p => (double[])p.S.Clone()).ToArray(), _memory.Pairs.Select(p => (double[])p.Y.Clone()).ToArray(),
                                   _memory.Pairs.Select(p => p.Rho).ToArray(), (double[]?)_gradient?.Clone(), _loss);

    /// <summary>Continues from <paramref name="state"/> (a resumed fit, with x as it was): the next iteration is the one it would have taken.</summary>
    public void Restore(LbfgsState state)
    {
        _memory.Restore(state.S.Select((s, k) => (s, state.Y[k], state.Rho[k])));
        (_gradient, _loss) = ((double[]?)state.Gradient?.Clone(), state.Loss);
    }

    /// <summary>One iteration; <paramref name="x"/> moves to the accepted point. False when no step along the
    /// direction lowers the loss (converged or stuck): x is unchanged and the memory is reset.</summary>
    public bool Iterate(double[] x, Objective objective, double firstStep)
    {
        if (_gradient is null) { _gradient = new double[x.Length]; _loss = objective(x, _gradient); }
        var d = _memory.Direction(_gradient, _memory.NewestScale ?? firstStep);
        double slope = LbfgsMemory.Dot(d, _gradient);
        if (!(slope < 0)) { _memory.Clear(); d = _memory.Direction(_gradient, firstStep); slope = LbfgsMemory.Dot(d, _gradient); }
        var trial = new double[x.Length];
        var g = new double[x.Length];
        double t = 1;
        for (int k = 0; k < MaxHalvings; k++, t *= 0.5)
        {
            for (int i = 0; i < x.Length; i++) trial[i] = x[i] + t * d[i];
            double loss = objective(trial, g);
            if (!double.IsFinite(loss) || loss > _loss + Armijo * t * slope) continue;
            var s = new double[x.Length]; var y = new double[x.Length];
            for (int i = 0; i < x.Length; i++) { s[i] = t * d[i]; y[i] = g[i] - _gradient[i]; }
            _memory.Add(s, y);
            trial.CopyTo(x, 0);
            (_gradient, _loss) = (g, loss);
            return true;
        }
        _memory.Clear();
        _loss = objective(x, _gradient);
        return false;
    }
}

/// <summary>The curvature pairs (oldest first) and the gradient and loss at the current point of <see cref="LbfgsMinimizer"/>.</summary>
public sealed record LbfgsState(double[][] S, double[][] Y, double[] Rho, double[]? Gradient, double Loss);
