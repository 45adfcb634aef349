using Tessera.Descriptors;

namespace Tessera.Tests.Descriptors;

public class CutoffFunctionTests
{
    public static TheoryData<CutoffType, double> AllTypes()
    {
        var d = new TheoryData<CutoffType, double>();
        foreach (var t in Enum.GetValues<CutoffType>()) { d.Add(t, 0.0); d.Add(t, 0.3); }
        return d;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void DerivativeMatchesCentralDifferences(CutoffType type, double alpha)
    {
        var fc = new CutoffFunction(type, 6.0, alpha);
        const double h = 1e-6;
        for (double r = 0.37; r < 5.99; r += 0.29)
        {
            fc.Evaluate(r, out double f, out double df);
            fc.Evaluate(r + h, out double fp, out _);
            fc.Evaluate(r - h, out double fm, out _);
            Assert.InRange(f, -1e-12, 1.0 + 1e-12);
            Assert.Equal((fp - fm) / (2 * h), df, 1e-7);
        }
        fc.Evaluate(6.0, out double atCut, out double dAtCut);
        Assert.Equal(0.0, atCut);
        Assert.Equal(0.0, dAtCut);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void SmoothTypesVanishAtTheCutoff(CutoffType type, double alpha)
    {
        if (type == CutoffType.Hard) return;
        var fc = new CutoffFunction(type, 6.0, alpha);
        fc.Evaluate(6.0 - 1e-7, out double f, out _);
        Assert.True(Math.Abs(f) < 1e-6, $"{type}: f(rc-) = {f}");
        if (type is not (CutoffType.TanhU or CutoffType.Tanh))
        {
            fc.Evaluate(6.0 * alpha * 0.99, out double inside, out double dInside);
            Assert.Equal(1.0, inside, 12);
            Assert.Equal(0.0, dInside, 12);
        }
    }

    [Theory]
    [InlineData("p1"), InlineData("p2"), InlineData("p3"), InlineData("p4"), InlineData("e")]
    [InlineData("p1a"), InlineData("p2a"), InlineData("p3a"), InlineData("p4a")]
    public void CompactFunctionDerivativeMatchesCentralDifferences(string subtype)
    {
        var (kind, asym) = CompactFunction.ParseSubtype(subtype);
        var c = new CompactFunction(kind, asym, 1.0, 5.0);
        const double h = 1e-6;
        for (double a = 1.13; a < 4.95; a += 0.31)
        {
            c.Evaluate(a, out double f, out double df);
            c.Evaluate(a + h, out double fp, out _);
            c.Evaluate(a - h, out double fm, out _);
            Assert.Equal((fp - fm) / (2 * h), df, 1e-7);
            Assert.InRange(f, -1e-12, 1 + 1e-12);
        }
        c.Evaluate(3.0, out double centre, out _);
        Assert.Equal(1.0, centre, 12);
    }
}
