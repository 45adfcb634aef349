using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>The derivatives training relies on, against central finite differences.</summary>
public class FragmentLossGradientTests
{
    private static readonly FragmentSettings Settings = FragmentSettings.Create(1, 3.6, switchOn: 2.7);

    [Fact]
    public void Descriptor_directional_derivative_matches_finite_differences_and_the_gradient()
    {
        var frame = ToyDeltaData.Frames(1, 3, Settings, 21).First(f => (long)f.Info[FragmentSchema.RankKey] == 1);
        var units = frame.Arrays[FragmentSchema.UnitArray].Integers.Select(u => (int)u).ToArray();
        var d = new FragmentDescriptor(FragmentDescriptorSettings.Default, frame.Numbers, Fragment.UnitFormulas((string)frame.Info[FragmentSchema.TypeKey]));
        var rng = new Random(5);
        var v = frame.Positions.Select(_ => new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
        var jv = new double[d.Length];
        d.Directional(frame.Numbers, frame.Positions, units, v, jv);
        double h = 1e-5;
        var plus = new double[d.Length]; var minus = new double[d.Length];
        d.Compute(frame.Numbers, frame.Positions.Select((r, i) => r + h * v[i]).ToArray(), units, plus);
        d.Compute(frame.Numbers, frame.Positions.Select((r, i) => r - h * v[i]).ToArray(), units, minus);
        for (int f = 0; f < d.Length; f++) Assert.True(Math.Abs((plus[f] - minus[f]) / (2 * h) - jv[f]) < 1e-6 * (1 + Math.Abs(jv[f])), $"feature {f}");
        // w . (J v) = (J^T w) . v
        var w = Enumerable.Range(0, d.Length).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var jtw = new Vec3[frame.Count];
        d.AccumulateGradient(frame.Numbers, frame.Positions, units, w, jtw);
        Assert.Equal(w.Zip(jv).Sum(p => p.First * p.Second), jtw.Zip(v).Sum(p => Vec3.Dot(p.First, p.Second)), 10);
    }

    [Theory]
    [InlineData(0.0)] [InlineData(0.5)]
    public void Energy_and_force_loss_parameter_gradient_matches_finite_differences(double forceWeight)
    {
        var frames = ToyDeltaData.Frames(2, 3, Settings, 31);
        var samples = frames.Select((f, i) => FragmentTrainingSample.From(f, true, i)).Where(s => s.Rank == 1).ToArray();
        var ts = FragmentTrainingSettings.Create(hidden: [6, 5], ensemble: 1, forceWeight: forceWeight);
        var type = FragmentTrainer.Initial(samples[0].Type, samples.Where(s => s.Type == samples[0].Type).ToArray(),
                                           samples[0].Numbers, FragmentDescriptorSettings.Default, ts);
        var fit = new FragmentNetworkFit(type, 0, ts);
        var net = type.Members[0];
        var sample = samples.First(s => s.Type == type.Type);
        var grad = new double[net.ParameterCount];
        fit.SampleLoss(sample, forces: true, grad);
        double h = 1e-6;
        for (int k = 0; k < net.ParameterCount; k += 7)
        {
            double keep = net.Parameters[k];
            net.Parameters[k] = keep + h; double lp = fit.SampleLoss(sample, true, Span<double>.Empty);
            net.Parameters[k] = keep - h; double lm = fit.SampleLoss(sample, true, Span<double>.Empty);
            net.Parameters[k] = keep;
            double fd = (lp - lm) / (2 * h);
            Assert.True(Math.Abs(fd - grad[k]) < 1e-5 * (1 + Math.Abs(fd)), $"parameter {k}: analytic {grad[k]:E6}, finite difference {fd:E6}");
        }
    }
    [Fact]
    public void Stored_features_and_Jacobians_give_the_loss_and_gradient_of_computing_them_afresh()
    {
        var frames = ToyDeltaData.Frames(2, 3, Settings, 31);
        var samples = frames.Select((f, i) => FragmentTrainingSample.From(f, true, i)).Where(s => s.Rank == 1).ToArray();
        var ts = FragmentTrainingSettings.Create(hidden: [6, 5], ensemble: 1, forceWeight: 0.5);
        var ofType = samples.Where(s => s.Type == samples[0].Type).ToArray();
        Assert.Contains(ofType, s => s.Forces is not null);
        var type = FragmentTrainer.Initial(ofType[0].Type, ofType, ofType[0].Numbers, FragmentDescriptorSettings.Default, ts);
        long budget = FragmentFeatureCache.JacobianBudgetBytes;
        var cache = FragmentFeatureCache.Build(type, ofType, forces: true, ref budget, parallelism: 2);
        Assert.All(ofType, s => Assert.NotNull(cache.Get(s)!.Jacobian));
        var stored = new FragmentNetworkFit(type, 0, ts, cache);
        var afresh = new FragmentNetworkFit(type, 0, ts);
        int p = type.Members[0].ParameterCount;
        foreach (var s in ofType)
        {
            var g1 = new double[p]; var g2 = new double[p];
            double l1 = stored.SampleLoss(s, forces: true, g1), l2 = afresh.SampleLoss(s, forces: true, g2);
            Assert.True(Math.Abs(l1 - l2) <= 1e-12 * Math.Max(1, Math.Abs(l2)), $"loss {l1:R} against {l2:R}");
            double scale = g2.Max(Math.Abs);
            for (int k = 0; k < p; k++) Assert.True(Math.Abs(g1[k] - g2[k]) <= 1e-11 * Math.Max(1, scale), $"parameter {k}: {g1[k]:R} against {g2[k]:R}");
        }
        // A budget too small for one Jacobian stores features only, and the fit computes the derivatives as before.
        long none = 0;
        var small = FragmentFeatureCache.Build(type, ofType, forces: true, ref none, parallelism: 1);
        Assert.All(ofType, s => Assert.Null(small.Get(s)!.Jacobian));
        var g3 = new double[p]; var g4 = new double[p];
        Assert.Equal(afresh.SampleLoss(ofType[0], true, g4), new FragmentNetworkFit(type, 0, ts, small).SampleLoss(ofType[0], true, g3), 12);
    }
}
