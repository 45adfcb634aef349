namespace Tessera.Networks;

/// <summary>Adam (Kingma and Ba) over one flat parameter vector, with the learning rate given per step
/// so that schedules stay outside.</summary>
public sealed class AdamOptimizer
{
    private readonly double[] _m, _v;
    private readonly double _beta1, _beta2, _epsilon;
    private long _t;

    public AdamOptimizer(int parameters, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _m = new double[parameters]; _v = new double[parameters];
        _beta1 = beta1; _beta2 = beta2; _epsilon = epsilon;
    }

    /// <summary>A copy of the moments and the step count, for checkpoints.</summary>
    public AdamState State => new(_t, (double[])_m.Clone(), (double[])_v.Clone());

    /// <summary>Continues from <paramref name="state"/> (a resumed training run): the next step is the one it would have taken.</summary>
    public void Restore(AdamState state)
    {
        if (state.M.Length != _m.Length || state.V.Length != _v.Length)
            throw new ArgumentException($"Adam state of {state.M.Length} parameters does not fit an optimiser of {_m.Length}.");
        _t = state.Steps;
        state.M.CopyTo(_m, 0);
        state.V.CopyTo(_v, 0);
    }

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, double learningRate)
    {
        _t++;
        double c1 = 1 - Math.Pow(_beta1, _t), c2 = 1 - Math.Pow(_beta2, _t);
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            _m[i] = _beta1 * _m[i] + (1 - _beta1) * g;
            _v[i] = _beta2 * _v[i] + (1 - _beta2) * g * g;
            parameters[i] -= learningRate * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + _epsilon);
        }
    }
}

/// <summary>The moments and step count of <see cref="AdamOptimizer"/>, for checkpoints.</summary>
public sealed record AdamState(long Steps, double[] M, double[] V);
