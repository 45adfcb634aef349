using Tessera.Core;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>Fits one ensemble member of one fragment type with Adam: loss = mean over fragments of
/// (y - t)^2 + ForceWeight * mean over force components of (F - F_ref)^2, all in the type's scaled units
/// (energies and forces divided by the output scale). The force term's parameter gradient goes through the
/// network tangent along the descriptor's Jacobian-vector product of the force residual. Keeps the weights
/// of the best validation loss (<see cref="TrainingLoop"/>).</summary>
internal sealed class FragmentNetworkFit
{
    private readonly FragmentTypeNetworks _type;
    private readonly DenseNetwork _net;
    private readonly int _member;
    private readonly FragmentTrainingSettings _settings;
    private readonly NetworkWorkspace _ws;
    private readonly FragmentFeatureCache? _cache;
    private readonly double[] _raw, _scaled, _dy, _dRaw, _tangent, _grad;
    private Vec3[] _vec = new Vec3[16], _residual = new Vec3[16];

    /// <param name="cache">The type's features and Jacobians computed before training (<see cref="FragmentFeatureCache"/>);
    /// fragments it lacks, or all without it, are computed at every use.</param>
    public FragmentNetworkFit(FragmentTypeNetworks type, int member, FragmentTrainingSettings settings, FragmentFeatureCache? cache = null)
    {
        _type = type; _member = member; _net = type.Members[member]; _settings = settings; _cache = cache;
        _ws = _net.CreateWorkspace();
        int d = type.Descriptor.Length;
        _raw = new double[d]; _scaled = new double[d]; _dy = new double[d]; _dRaw = new double[d]; _tangent = new double[d];
        _grad = new double[_net.ParameterCount];
    }

    /// <summary>Trains (or goes on from a checkpoint); <paramref name="epochDone"/> is called after every epoch.</summary>
    /// <param name="from">An unfinished member's checkpoint to continue from (the weights are loaded from it); null starts afresh.</param>
    /// <param name="checkpoint">Offered after every epoch a way to capture this member's state (called only when a checkpoint is due).</param>
    /// <returns>The learning curve and the last loop state (its best epoch is the one whose weights were kept).</returns>
    public (EpochPoint[] Points, TrainingLoopSnapshot Last) Run(IReadOnlyList<FragmentTrainingSample> train, IReadOnlyList<FragmentTrainingSample> valid,
        bool forces, int seed, Action<EpochPoint> epochDone, CancellationToken ct, MemberCheckpoint? from = null,
        Action<Func<MemberCheckpoint>>? checkpoint = null)
    {
        var adam = new AdamOptimizer(_net.ParameterCount);
        var lbfgs = _settings.Optimizer == TrainingOptimizer.Lbfgs ? new LbfgsMinimizer(_settings.LbfgsMemory) : null;
        var rng = new Random(seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var points = new List<EpochPoint>();
        if (from is not null) Restore(from, adam, lbfgs, rng, order, points);
        var x = (double[])_net.Parameters.Clone();
        double validRmse = 0;
        bool Step(int epoch, double lr)
        {
            if (lbfgs is not null) return lbfgs.Iterate(x, (p, g) => FullBatch(p, g, train, forces), lr);
            rng.Shuffle(order);
            for (int b = 0; b < order.Length; b += _settings.BatchSize)
            {
                Array.Clear(_grad);
                int n = Math.Min(_settings.BatchSize, order.Length - b);
                for (int i = b; i < b + n; i++) Accumulate(train[order[i]], forces, 1.0 / n, _grad);
                adam.Step(_net.Parameters, _grad, lr);
            }
            return true;
        }
        double ValidationLoss(int epoch)
        {
            (double loss, validRmse) = Loss(valid, forces);
            return loss;
        }
        void EpochDone(int epoch, double lr, bool improved)
        {
            var (_, trainRmse) = Loss(train, false);
            points.Add(new EpochPoint(epoch, trainRmse, validRmse, lr));
            epochDone(points[^1]);
        }
        var last = from?.Loop;
        void Snapshot(TrainingLoopSnapshot s)
        {
            last = s with { Best = [] };
            // After every epoch the network holds the optimiser's current point (L-BFGS loads x into it at every evaluation).
            checkpoint?.Invoke(() => new MemberCheckpoint(_type.Type, _member, false, s with { Best = [(double[])s.Best[0].Clone()] },
                (double[])_net.Parameters.Clone(), lbfgs is null ? adam.State : null, lbfgs?.State, [.. points]));
        }
        TrainingLoop.Run([_net.Parameters], _settings.Epochs, _settings.Patience, _settings.Schedule(), Step, ValidationLoss, EpochDone, ct,
                         from?.Loop, Snapshot);
        return (points.ToArray(), last ?? throw new InvalidOperationException("training ran no epoch"));
    }

    /// <summary>Puts the fit where <paramref name="from"/> left it: weights, optimiser state, curve, and Adam's batch order
    /// advanced by one shuffle per epoch done (the same draws of the same seeded generator).</summary>
    private void Restore(MemberCheckpoint from, AdamOptimizer adam, LbfgsMinimizer? lbfgs, Random rng, int[] order, List<EpochPoint> points)
    {
        if (from.Finished || from.Parameters.Length != _net.ParameterCount)
            throw new ArgumentException($"The checkpoint of {_type.Type} member {_member + 1} does not fit its network.");
        from.Parameters.CopyTo(_net.Parameters, 0);
        if (from.Adam is { } a) adam.Restore(a);
        if (from.Lbfgs is { } l) lbfgs?.Restore(l);
        if (lbfgs is null)
            for (int e = 0; e < from.Loop.Epochs; e++) rng.Shuffle(order);
        points.AddRange(from.Points);
    }

    /// <summary>Mean training loss at parameters <paramref name="p"/> (loaded into the network) and its gradient.</summary>
    private double FullBatch(double[] p, double[] gradient, IReadOnlyList<FragmentTrainingSample> train, bool forces)
    {
        p.CopyTo(_net.Parameters, 0);
        Array.Clear(gradient);
        double loss = 0;
        foreach (var s in train)
        {
            var (e, f) = Accumulate(s, forces, 1.0 / train.Count, gradient);
            loss += e + _settings.ForceWeight * f;
        }
        return loss / Math.Max(1, train.Count);
    }

    /// <summary>Loss of one fragment (energy term + ForceWeight * force term, scaled units) and, unless
    /// <paramref name="grad"/> is empty, its parameter gradient added to it (for gradient checks).</summary>
    internal double SampleLoss(FragmentTrainingSample s, bool forces, Span<double> grad)
    {
        var (e, f) = Accumulate(s, forces, 1.0, grad);
        return e + _settings.ForceWeight * f;
    }

    /// <summary>Mean loss and energy RMSE (kcal/mol) over a set, with the current weights.</summary>
    private (double Loss, double EnergyRmse) Loss(IReadOnlyList<FragmentTrainingSample> set, bool forces)
    {
        double loss = 0, se = 0;
        foreach (var s in set)
        {
            var (e, f) = Accumulate(s, forces, 0, Span<double>.Empty);
            loss += e + _settings.ForceWeight * f;
            se += e;
        }
        int n = Math.Max(1, set.Count);
        return (loss / n, Math.Sqrt(se / n) * _type.OutputScale / Units.KcalPerMol);
    }

    /// <summary>Squared energy error and mean squared force error of one fragment (scaled units); adds
    /// weight * their parameter gradient to <paramref name="grad"/> unless it is empty.</summary>
    private (double Energy, double Force) Accumulate(FragmentTrainingSample s, bool forces, double weight, Span<double> grad)
    {
        var cached = _cache?.Get(s);
        if (cached is null) _type.Features(s.Numbers, s.Positions, s.Units, _raw, _scaled);
        double y = _net.Forward(cached?.Scaled ?? _scaled, _ws)[0];
        double err = y - (s.Target - _type.OutputMean) / _type.OutputScale;
        double fLoss = 0, tangentSeed = 0;
        bool useForces = forces && s.Forces is not null && _settings.ForceWeight > 0;
        if (useForces)
        {
            fLoss = ForceResidual(s, cached?.Jacobian);
            int comps = 3 * s.Numbers.Length;
            tangentSeed = -2 * weight * _settings.ForceWeight / comps;
            fLoss /= comps;
        }
        if (grad.IsEmpty) return (err * err, fLoss);
        if (useForces)
        {
            var residual = _residual.AsSpan(0, s.Numbers.Length);
            if (cached?.Jacobian is { } jacobian) FragmentFeatureCache.Directional(jacobian, residual, _tangent);
            else
            {
                _type.Descriptor.Directional(s.Numbers, s.Positions, s.Units, residual, _tangent);
                for (int f = 0; f < _tangent.Length; f++) _tangent[f] /= _type.InputScale[f];
            }
            _net.Tangent(_ws, _tangent);
        }
        ReadOnlySpan<double> valueSeed = [2 * weight * err];
        ReadOnlySpan<double> tSeed = [tangentSeed];
        _net.AccumulateParameterGradient(_ws, valueSeed, useForces ? tSeed : ReadOnlySpan<double>.Empty, grad);
        return (err * err, fLoss);
    }

    /// <summary>Fills the residual u = (F_pred - F_ref) / OutputScale per atom; returns sum |u|^2.</summary>
    private double ForceResidual(FragmentTrainingSample s, double[]? jacobian)
    {
        int n = s.Numbers.Length;
        if (_vec.Length < n) { _vec = new Vec3[n]; _residual = new Vec3[n]; }
        ReadOnlySpan<double> seed = [1.0];
        _net.InputGradient(_ws, seed, _dy);
        var g = _vec.AsSpan(0, n);
        if (jacobian is not null) FragmentFeatureCache.Gradient(jacobian, _dy, g);
        else
        {
            for (int f = 0; f < _dy.Length; f++) _dRaw[f] = _dy[f] / _type.InputScale[f];
            g.Clear();
            _type.Descriptor.AccumulateGradient(s.Numbers, s.Positions, s.Units, _dRaw, g);
        }
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var u = -g[i] - s.Forces![i] / _type.OutputScale;
            _residual[i] = u;
            sum += Vec3.Dot(u, u);
        }
        return sum;
    }
}
