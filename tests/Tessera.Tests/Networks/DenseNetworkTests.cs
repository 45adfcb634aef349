using Tessera.Networks;

namespace Tessera.Tests.Networks;

/// <summary>Network derivatives against central differences: inputs, parameters, and the parameter
/// gradient of a directional input derivative (what a force loss needs).</summary>
public class DenseNetworkTests
{
    public static TheoryData<Activation> Hidden()
    {
        var d = new TheoryData<Activation>();
        foreach (var a in Activations.All.Where(a => a != Activation.Relu)) d.Add(a);
        return d;
    }

    private static DenseNetwork Random(Activation hidden, int outputs, int seed)
    {
        var net = new DenseNetwork([5, 7, 6, outputs], [hidden, Activation.Tanh, Activation.Identity]);
        var rng = new Random(seed);
        for (int i = 0; i < net.ParameterCount; i++) net.Parameters[i] = 0.8 * (2 * rng.NextDouble() - 1);
        return net;
    }

    private static readonly double[] X = [0.3, -0.5, 0.8, 0.1, -0.2];
    private static readonly double[] V = [0.7, 0.2, -0.4, 0.5, -0.9];
    private static readonly double[] Seed = [1.3, -0.6];

    private static double Output(DenseNetwork net, double[] x) =>
        net.Forward(x, net.CreateWorkspace()) is var o && o.Length == 2 ? Seed[0] * o[0] + Seed[1] * o[1] : o[0];

    [Theory]
    [MemberData(nameof(Hidden))]
    public void InputGradientMatchesCentralDifferences(Activation hidden)
    {
        var net = Random(hidden, 2, 1);
        var ws = net.CreateWorkspace();
        net.Forward(X, ws);
        var grad = new double[5];
        net.InputGradient(ws, Seed, grad);
        const double h = 1e-6;
        for (int i = 0; i < 5; i++)
        {
            var p = (double[])X.Clone(); p[i] += h;
            var m = (double[])X.Clone(); m[i] -= h;
            Assert.Equal((Output(net, p) - Output(net, m)) / (2 * h), grad[i], 1e-8);
        }
    }

    [Theory]
    [MemberData(nameof(Hidden))]
    public void ParameterGradientMatchesCentralDifferences(Activation hidden)
    {
        var net = Random(hidden, 2, 2);
        var ws = net.CreateWorkspace();
        net.Forward(X, ws);
        var grad = new double[net.ParameterCount];
        net.AccumulateParameterGradient(ws, Seed, [], grad);
        const double h = 1e-6;
        for (int k = 0; k < net.ParameterCount; k++)
        {
            double keep = net.Parameters[k];
            net.Parameters[k] = keep + h; double p = Output(net, X);
            net.Parameters[k] = keep - h; double m = Output(net, X);
            net.Parameters[k] = keep;
            Assert.Equal((p - m) / (2 * h), grad[k], 1e-7);
        }
    }

    /// <summary>d/dtheta [ a E(x) + b (dE/dx . v) ] for a single-output network.</summary>
    [Theory]
    [MemberData(nameof(Hidden))]
    public void ForceLossParameterGradientMatchesCentralDifferences(Activation hidden)
    {
        var net = Random(hidden, 1, 3);
        const double a = 0.4, b = -1.7;
        double Objective()
        {
            var ws = net.CreateWorkspace();
            double e = net.Forward(X, ws)[0];
            var g = new double[5];
            net.InputGradient(ws, [1.0], g);
            return a * e + b * g.Zip(V, (p, q) => p * q).Sum();
        }
        var w = net.CreateWorkspace();
        net.Forward(X, w);
        var tangent = net.Tangent(w, V)[0];
        var gi = new double[5];
        net.InputGradient(w, [1.0], gi);
        Assert.Equal(gi.Zip(V, (p, q) => p * q).Sum(), tangent, 12);
        var grad = new double[net.ParameterCount];
        net.AccumulateParameterGradient(w, [a], [b], grad);
        const double h = 1e-6;
        for (int k = 0; k < net.ParameterCount; k++)
        {
            double keep = net.Parameters[k];
            net.Parameters[k] = keep + h; double p = Objective();
            net.Parameters[k] = keep - h; double m = Objective();
            net.Parameters[k] = keep;
            Assert.Equal((p - m) / (2 * h), grad[k], 1e-6);
        }
    }
}
