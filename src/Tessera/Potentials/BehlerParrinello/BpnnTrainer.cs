using Tessera.Core;
using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Outcome of training: the best model (lowest validation loss), the learning curve, and the
/// RMSEs on the held-out test set (meV/atom, meV/A; NaN when the set is empty).</summary>
public sealed record BpnnTrainingResult(BpnnModel Model, IReadOnlyList<BpnnEpochReport> History,
                                        double TestEnergyRmse, double TestForceRmse, int TrainCount, int ValidationCount, int TestCount);

/// <summary>Trains Behler-Parrinello networks on energies and forces: seeded split into training, validation and
/// test sets; Adam on mini-batches (learning-rate decay, halved on plateaus) or full-batch L-BFGS with a line
/// search; structures evaluated in parallel; early stopping on the validation loss (<see cref="TrainingLoop"/>); optional checkpoints after
/// every improvement.</summary>
public static class BpnnTrainer
{
    public static BpnnTrainingResult Train(IReadOnlyList<Structure> data, BpnnTrainingSettings settings,
                                           IProgress<BpnnEpochReport>? progress = null, Action<BpnnModel>? checkpoint = null,
                                           CancellationToken ct = default)
    {
        settings = settings.Validated();
        if (data.Count < 3) throw new ArgumentException("Training needs at least three labelled structures.");
        var (train, valid, test) = Split(data, settings);
        var model = BpnnModelBuilder.Create(train, settings);
        var history = TrainModel(model, train, valid, settings, progress, checkpoint, ct);
        var testErr = Errors(model, test.Select(s => BpnnSample.From(model, s)).ToList(), settings);
        var (te, tf) = testErr.Rmse(model);
        return new BpnnTrainingResult(model, history, te, tf, train.Count, valid.Count, test.Count);
    }

    /// <summary>Seeded shuffle, then test, validation and training sets (validation falls back to training when empty).</summary>
    public static (List<Structure> Train, List<Structure> Validation, List<Structure> Test) Split(IReadOnlyList<Structure> data, BpnnTrainingSettings s)
    {
        var order = Enumerable.Range(0, data.Count).ToArray();
        new Random(s.Seed).Shuffle(order);
        int nTest = (int)Math.Round(s.TestFraction * data.Count), nValid = (int)Math.Round(s.ValidationFraction * data.Count);
        var test = order.Take(nTest).Select(i => data[i]).ToList();
        var valid = order.Skip(nTest).Take(nValid).Select(i => data[i]).ToList();
        var train = order.Skip(nTest + nValid).Select(i => data[i]).ToList();
        return (train, valid, test);
    }

    /// <summary>Trains the networks of <paramref name="model"/> in place; the best parameters are restored at the end.</summary>
    public static List<BpnnEpochReport> TrainModel(BpnnModel model, IReadOnlyList<Structure> train, IReadOnlyList<Structure> valid,
                                                   BpnnTrainingSettings settings, IProgress<BpnnEpochReport>? progress = null,
                                                   Action<BpnnModel>? checkpoint = null, CancellationToken ct = default)
    {
        var trainSamples = train.Select(s => BpnnSample.From(model, s)).ToList();
        var validSamples = (valid.Count > 0 ? valid : train).Select(s => BpnnSample.From(model, s)).ToList();
        var nets = model.Elements.Select(e => e.Network).ToArray();
        var adam = nets.Select(n => new AdamOptimizer(n.ParameterCount)).ToArray();
        var lbfgs = settings.Optimizer == TrainingOptimizer.Lbfgs ? new BpnnLbfgs(model, trainSamples, settings) : null;
        var schedule = settings.Schedule();
        var rng = new Random(settings.Seed + 7919);
        var order = Enumerable.Range(0, trainSamples.Count).ToArray();
        var history = new List<BpnnEpochReport>();
        var trainErr = new BpnnErrors();
        var validErr = new BpnnErrors();
        bool Step(int epoch, double lr)
        {
            trainErr = new BpnnErrors();
            if (lbfgs is not null) return lbfgs.Iterate(lr, trainErr);
            rng.Shuffle(order);
            for (int b = 0; b < order.Length; b += settings.BatchSize)
            {
                var batch = order.Skip(b).Take(settings.BatchSize).Select(i => trainSamples[i]).ToList();
                var grads = BatchGradient(model, batch, settings, trainErr);
                for (int e = 0; e < nets.Length; e++) adam[e].Step(nets[e].Parameters, grads[e], lr);
            }
            return true;
        }
        double ValidationLoss(int epoch)
        {
            validErr = Errors(model, validSamples, settings);
            return Loss(validErr, settings);
        }
        void EpochDone(int epoch, double lr, bool improved)
        {
            if (improved) checkpoint?.Invoke(model);
            var (te, tf) = trainErr.Rmse(model);
            var (ve, vf) = validErr.Rmse(model);
            var report = new BpnnEpochReport(epoch + 1, settings.Epochs, lr, te, tf, ve, vf, improved);
            history.Add(report);
            progress?.Report(report);
        }
        TrainingLoop.Run(nets.Select(n => n.Parameters).ToArray(), settings.Epochs, settings.Patience, schedule, Step, ValidationLoss, EpochDone, ct);
        return history;
    }

    private static double Loss(BpnnErrors err, BpnnTrainingSettings s) =>
        s.EnergyWeight * err.EnergySquared / Math.Max(1, err.Structures)
        + (err.ForceComponents > 0 ? s.ForceWeight * err.ForceSquared / err.ForceComponents : 0);

    /// <summary>Mean loss gradient over a batch, one array per element network; errors are added to <paramref name="errors"/>.</summary>
    internal static double[][] BatchGradient(BpnnModel model, List<BpnnSample> batch, BpnnTrainingSettings s, BpnnErrors errors)
    {
        var total = model.Elements.Select(e => new double[e.Network.ParameterCount]).ToArray();
        // Fixed blocks summed in order: the same batch gives bit-identical gradients, so training is reproducible.
        var locals = FixedBlocks.For(batch.Count, s.MaxDegreeOfParallelism,
            () => (Ws: new BpnnWorkspace(model), G: model.Elements.Select(e => new double[e.Network.ParameterCount]).ToArray(), Err: new BpnnErrors()),
            (k, local) => BpnnLossGradient.Accumulate(model, batch[k], s.EnergyWeight, s.ForceWeight, local.Ws, local.G, local.Err));
        foreach (var local in locals)
        {
            for (int e = 0; e < total.Length; e++) DenseNetwork.Axpy(1.0 / batch.Count, local.G[e], total[e]);
            errors.Add(local.Err);
        }
        return total;
    }

    private static BpnnErrors Errors(BpnnModel model, List<BpnnSample> samples, BpnnTrainingSettings s)
    {
        var total = new BpnnErrors();
        var empty = model.Elements.Select(_ => Array.Empty<double>()).ToArray();
        var locals = FixedBlocks.For(samples.Count, s.MaxDegreeOfParallelism, () => (Ws: new BpnnWorkspace(model), Err: new BpnnErrors()),
            (k, local) => BpnnLossGradient.Accumulate(model, samples[k], s.EnergyWeight, s.ForceWeight, local.Ws, empty, local.Err, gradient: false));
        foreach (var local in locals) total.Add(local.Err);
        return total;
    }
}
