using Tessera.Networks;

namespace Tessera.Tests.Networks;

public class ActivationTests
{
    public static TheoryData<Activation> All()
    {
        var d = new TheoryData<Activation>();
        foreach (var a in Activations.All) d.Add(a);
        return d;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void FirstAndSecondDerivativesMatchCentralDifferences(Activation a)
    {
        const double h = 1e-5;
        foreach (double x in new[] { -2.3, -0.7, -0.1, 0.25, 0.9, 3.1 })
        {
            Activations.Evaluate(a, x, out _, out double d1, out double d2);
            Activations.Evaluate(a, x + h, out double fp, out double d1p, out _);
            Activations.Evaluate(a, x - h, out double fm, out double d1m, out _);
            Assert.Equal((fp - fm) / (2 * h), d1, 1e-8);
            Assert.Equal((d1p - d1m) / (2 * h), d2, 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void CodesRoundTrip(Activation a) => Assert.Equal(a, Activations.FromCode(Activations.Code(a)));
}
