using Tessera.Core;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Full-batch L-BFGS (<see cref="LbfgsMinimizer"/>) over the parameters of all element networks at once,
/// as one flat vector, on the exact mean training loss.</summary>
internal sealed class BpnnLbfgs
{
    private readonly BpnnModel _model;
    private readonly List<BpnnSample> _train;
    private readonly BpnnTrainingSettings _settings;
    private readonly DenseNetwork[] _nets;
    private readonly LbfgsMinimizer _minimizer;
    private readonly double[] _x;
    private BpnnErrors _last = new();

    public BpnnLbfgs(BpnnModel model, List<BpnnSample> train, BpnnTrainingSettings settings)
    {
        _model = model; _train = train; _settings = settings;
        _nets = model.Elements.Select(e => e.Network).ToArray();
        _minimizer = new LbfgsMinimizer(settings.LbfgsMemory);
        _x = new double[_nets.Sum(n => n.ParameterCount)];
        int at = 0;
        foreach (var n in _nets) { n.Parameters.CopyTo(_x, at); at += n.ParameterCount; }
    }

    /// <summary>One iteration; the training errors at the resulting parameters are added to <paramref name="errors"/>.
    /// False when no step lowers the loss.</summary>
    public bool Iterate(double learningRate, BpnnErrors errors)
    {
        bool moved = _minimizer.Iterate(_x, Objective, learningRate);
        errors.Add(_last);
        return moved;
    }

    private double Objective(double[] x, double[] gradient)
    {
        int at = 0;
        foreach (var n in _nets) { x.AsSpan(at, n.ParameterCount).CopyTo(n.Parameters); at += n.ParameterCount; }
        var err = new BpnnErrors();
        var grads = BpnnTrainer.BatchGradient(_model, _train, _settings, err);
        at = 0;
        foreach (var g in grads) { g.CopyTo(gradient, at); at += g.Length; }
        _last = err;
        return err.Loss / Math.Max(1, err.Structures);
    }
}
