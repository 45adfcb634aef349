using Tessera.Core;
using Tessera.IO;
using Tessera.Networks;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Tests.Potentials.BehlerParrinello;

/// <summary>Training: the loss gradient of whole structures against finite differences, and a synthetic fit
/// (a toy pair potential) whose errors must fall.</summary>
public class BpnnTrainingTests
{
    /// <summary>Clusters of 4 H/O atoms, at least 0.8 A apart, labelled with a harmonic pair potential.</summary>
    internal static List<Structure> ToyData(int count, int seed)
    {
        var rng = new Random(seed);
        var label = new HarmonicTestPotential(1.0);
        var list = new List<Structure>();
        while (list.Count < count)
        {
            var r = Enumerable.Range(0, 4).Select(_ => new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()) * 2.5).ToArray();
            bool ok = true;
            for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) ok &= (r[i] - r[j]).Length > 0.8;
            if (!ok) continue;
            var s = new Structure([8, 1, 1, 8], r);
            var res = label.Compute(s);
            s.Info["energy"] = res.Energy;
            s.Arrays["forces"] = PerAtomArray.Vectors(res.Forces);
            list.Add(s);
        }
        return list;
    }

    private static readonly BpnnTrainingSettings Small = new()
    {
        Hidden = [8, 8], Cutoff = 5.0, Epochs = 60, BatchSize = 4, LearningRate = 0.01, LearningRateDecay = 0.99,
        ValidationFraction = 0.2, TestFraction = 0.1, Patience = 0, Seed = 5, ForceWeight = 1.0, EnergyWeight = 1.0,
    };

    [Fact]
    public void StructureLossGradientMatchesFiniteDifferences()
    {
        var data = ToyData(6, 1);
        var model = BpnnModelBuilder.Create(data, Small);
        var sample = BpnnSample.From(model, data[0]);
        const double wE = 0.7, wF = 1.3;
        var grads = model.Elements.Select(e => new double[e.Network.ParameterCount]).ToArray();
        var ws = new BpnnWorkspace(model);
        BpnnLossGradient.Accumulate(model, sample, wE, wF, ws, grads, new BpnnErrors());
        double Loss()
        {
            var err = new BpnnErrors();
            BpnnLossGradient.Accumulate(model, sample, wE, wF, new BpnnWorkspace(model), [], err, gradient: false);
            double loss = wE * err.EnergySquared + wF * err.ForceSquared / err.ForceComponents;
            Assert.Equal(loss, err.Loss, 1e-14 * loss);
            return loss;
        }
        const double h = 1e-6;
        for (int e = 0; e < model.Elements.Count; e++)
        {
            var p = model.Elements[e].Network.Parameters;
            for (int k = 0; k < p.Length; k += 7)
            {
                double keep = p[k];
                p[k] = keep + h; double lp = Loss();
                p[k] = keep - h; double lm = Loss();
                p[k] = keep;
                double numeric = (lp - lm) / (2 * h);
                Assert.True(Math.Abs(numeric - grads[e][k]) <= 1e-6 * (1 + Math.Abs(numeric)),
                    $"element {e} parameter {k}: analytic {grads[e][k]:E6}, numeric {numeric:E6}");
            }
        }
    }

    [Fact]
    public void FittingAToyPotentialReducesErrorsAndRoundTripsThroughN2p2Files()
    {
        var data = ToyData(80, 2);
        var reports = new List<BpnnEpochReport>();
        var result = BpnnTrainer.Train(data, Small, new Progress(reports));
        Assert.Equal(Small.Epochs, reports.Count);
        double first = reports[0].ValidationForceRmse, best = reports.Min(r => r.ValidationForceRmse);
        Assert.True(best < 0.35 * first, $"validation force RMSE {first:F0} -> {best:F0} meV/A");
        Assert.True(reports.Min(r => r.ValidationEnergyRmse) < 0.5 * reports[0].ValidationEnergyRmse);
        Assert.True(double.IsFinite(result.TestForceRmse) && result.TestForceRmse < 0.5 * first);

        // The trained model, written as n2p2 files and read back, predicts exactly the same.
        var dir = Directory.CreateTempSubdirectory("tessera-bpnn-").FullName;
        try
        {
            N2p2Potential.Write(result.Model, dir);
            var a = new BehlerParrinelloPotential(result.Model).Compute(data[0]);
            var b = new BehlerParrinelloPotential(N2p2Potential.Read(dir)).Compute(data[0]);
            Assert.Equal(a.Energy, b.Energy, 1e-10);
            for (int i = 0; i < data[0].Count; i++) Assert.True((a.Forces![i] - b.Forces![i]).Length < 1e-10);
            PotentialAssert.ForcesMatchFiniteDifferences(new BehlerParrinelloPotential(result.Model), data[1], 1e-5);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void LbfgsLowersTheTrainingLossAtEveryIterationAndFitsTheToyPotential()
    {
        var data = ToyData(80, 2);
        var settings = Small with { Optimizer = TrainingOptimizer.Lbfgs, Epochs = 80 };
        var model = BpnnModelBuilder.Create(data, settings);
        var samples = data.Take(60).Select(s => BpnnSample.From(model, s)).ToList();
        var lbfgs = new BpnnLbfgs(model, samples, settings);
        var losses = new List<double>();
        for (int k = 0; k < 40; k++)
        {
            var err = new BpnnErrors();
            if (!lbfgs.Iterate(settings.LearningRate, err)) break;
            losses.Add(err.Loss / err.Structures);
        }
        Assert.True(losses.Count >= 20, $"stopped after {losses.Count} iterations");
        for (int k = 1; k < losses.Count; k++) Assert.True(losses[k] <= losses[k - 1], $"iteration {k}: {losses[k - 1]:E4} -> {losses[k]:E4}");
        Assert.True(losses[^1] < 0.1 * losses[0], $"loss {losses[0]:E3} -> {losses[^1]:E3}");

        var reports = new List<BpnnEpochReport>();
        var result = BpnnTrainer.Train(data, settings, new Progress(reports));
        double first = reports[0].ValidationForceRmse, best = reports.Min(r => r.ValidationForceRmse);
        Assert.True(best < 0.35 * first, $"validation force RMSE {first:F0} -> {best:F0} meV/A");
        Assert.True(double.IsFinite(result.TestForceRmse) && result.TestForceRmse < 0.5 * first);
    }

    /// <summary>Synchronous progress (System.Progress posts to the thread pool).</summary>
    private sealed class Progress(List<BpnnEpochReport> sink) : IProgress<BpnnEpochReport>
    {
        public void Report(BpnnEpochReport value) => sink.Add(value);
    }
}
