using Tessera.Fragments;

namespace Tessera.Tests.Fragments;

public class SwitchingFunctionTests
{
    [Theory]
    [InlineData(SwitchKind.Quintic)] [InlineData(SwitchKind.Smooth)]
    public void Ends_are_one_and_zero_and_derivative_matches_differences(SwitchKind kind)
    {
        var f = new SwitchingFunction(4.0, 5.0, kind);
        Assert.Equal(1.0, f.Evaluate(3.9, out _));
        Assert.Equal(0.0, f.Evaluate(5.1, out _));
        for (double d = 4.01; d < 5.0; d += 0.07)
        {
            const double h = 1e-6;
            double v = f.Evaluate(d, out double analytic);
            Assert.InRange(v, 0, 1);
            double numeric = (f.Evaluate(d + h, out _) - f.Evaluate(d - h, out _)) / (2 * h);
            Assert.Equal(numeric, analytic, 7);
        }
    }

    [Theory]
    [InlineData(SwitchKind.Quintic)] [InlineData(SwitchKind.Smooth)]
    public void Value_slope_and_curvature_are_continuous_at_both_ends(SwitchKind kind)
    {
        var f = new SwitchingFunction(4.0, 5.0, kind);
        foreach (double end in new[] { 4.0, 5.0 })
        {
            const double h = 1e-4;
            double inner = f.Evaluate(end + (end == 4.0 ? h : -h), out double slope);
            Assert.Equal(end == 4.0 ? 1.0 : 0.0, inner, 6);
            Assert.True(Math.Abs(slope) < 1e-6, $"slope {slope} at {end}");
            // Second derivative from slopes just inside the range tends to zero (C2).
            f.Evaluate(end + (end == 4.0 ? 2 * h : -2 * h), out double slope2);
            Assert.True(Math.Abs((slope2 - slope) / h) < 1e-2, $"curvature at {end}");
        }
    }

    [Fact]
    public void Hard_switch_is_a_step_with_zero_slope()
    {
        var f = new SwitchingFunction(4.5, 4.5, SwitchKind.Quintic);
        Assert.True(f.IsHard);
        Assert.Equal(1.0, f.Evaluate(4.4999, out double d1));
        Assert.Equal(0.0, f.Evaluate(4.5, out double d2));
        Assert.Equal(0.0, d1 + d2);
    }
}
