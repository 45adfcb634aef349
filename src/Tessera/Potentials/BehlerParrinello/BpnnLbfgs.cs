using Tessera.Core;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Full-batch L-BFGS over the parameters of all element networks at once (one flat vector), with a
/// backtracking line search on the exact training loss (Armijo condition, c1 = 1e-4). The first step, and any
/// step after the memory is reset, is steepest descent scaled by the learning rate; later steps use the
/// curvature pairs with H0 = s.y/y.y.</summary>
internal sealed class BpnnLbfgs(BpnnModel model, List<BpnnSample> train, BpnnTrainingSettings settings)
{
    private const double Armijo = 1e-4;
    private const int MaxHalvings = 30;
    private readonly DenseNetwork[] _nets = model.Elements.Select(e => e.Network).ToArray();
    private readonly LbfgsMemory _memory = new(settings.LbfgsMemory);
    private double[]? _gradient;
    private double _loss;
    private BpnnErrors _errors = new();

    /// <summary>One iteration; the training errors at the accepted parameters are added to <paramref name="errors"/>.
    /// Returns false when no step along the direction lowers the loss (converged or stuck).</summary>
    public bool Iterate(double learningRate, BpnnErrors errors)
    {
        if (_gradient is null) (_loss, _gradient, _errors) = Evaluate();
        var x = Gather();
        var d = _memory.Direction(_gradient, _memory.NewestScale ?? learningRate);
        double slope = LbfgsMemory.Dot(d, _gradient);
        if (!(slope < 0)) { _memory.Clear(); d = _memory.Direction(_gradient, learningRate); slope = LbfgsMemory.Dot(d, _gradient); }
        var trial = new double[x.Length];
        double t = 1;
        for (int k = 0; k < MaxHalvings; k++, t *= 0.5)
        {
            for (int i = 0; i < x.Length; i++) trial[i] = x[i] + t * d[i];
            Scatter(trial);
            var (loss, gradient, err) = Evaluate();
            if (double.IsFinite(loss) && loss <= _loss + Armijo * t * slope)
            {
                var s = new double[x.Length]; var y = new double[x.Length];
                for (int i = 0; i < x.Length; i++) { s[i] = t * d[i]; y[i] = gradient[i] - _gradient[i]; }
                _memory.Add(s, y);
                (_loss, _gradient, _errors) = (loss, gradient, err);
                errors.Add(err);
                return true;
            }
        }
        Scatter(x);
        _memory.Clear();
        errors.Add(_errors);
        return false;
    }

    private (double Loss, double[] Gradient, BpnnErrors Errors) Evaluate()
    {
        var err = new BpnnErrors();
        var grads = BpnnTrainer.BatchGradient(model, train, settings, err);
        var flat = new double[_nets.Sum(n => n.ParameterCount)];
        int at = 0;
        foreach (var g in grads) { g.CopyTo(flat, at); at += g.Length; }
        return (err.Loss / Math.Max(1, err.Structures), flat, err);
    }

    private double[] Gather()
    {
        var x = new double[_nets.Sum(n => n.ParameterCount)];
        int at = 0;
        foreach (var n in _nets) { n.Parameters.CopyTo(x, at); at += n.ParameterCount; }
        return x;
    }

    private void Scatter(double[] x)
    {
        int at = 0;
        foreach (var n in _nets) { x.AsSpan(at, n.ParameterCount).CopyTo(n.Parameters); at += n.ParameterCount; }
    }
}
