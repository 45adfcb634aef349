using Tessera.Descriptors;

namespace Tessera.Tests.Descriptors;

/// <summary>Extrapolation warnings as n2p2 counts them: outside [G_min, G_max] by more than 1000 * DBL_EPSILON
/// (relative to bounds larger than 1).</summary>
public class SymmetryFunctionScalingTests
{
    private static readonly SymmetryFunctionScaling Scaling = new(ScalingMode.ScaleCenter, new ScalingStatistics(0.25, 0.75, 0.5, 0.1), -1, 1);

    [Fact]
    public void ToleranceIsAThousandMachineEpsilons()
    {
        double dblEpsilon = Math.BitIncrement(1.0) - 1.0;
        Assert.Equal(SymmetryFunctionScaling.BoundTolerance, 1000 * dblEpsilon);
    }

    [Theory]
    [InlineData(0.25, false)]
    [InlineData(0.75, false)]
    [InlineData(0.5, false)]
    [InlineData(0.25 - 0.5 * SymmetryFunctionScaling.BoundTolerance, false)]
    [InlineData(0.75 + 0.5 * SymmetryFunctionScaling.BoundTolerance, false)]
    [InlineData(0.25 - 2 * SymmetryFunctionScaling.BoundTolerance, true)]
    [InlineData(0.75 + 2 * SymmetryFunctionScaling.BoundTolerance, true)]
    [InlineData(-1.0, true)]
    [InlineData(1.0, true)]
    public void WithinTheToleranceOfABoundUpTo1IsNotExtrapolation(double g, bool expected) =>
        Assert.Equal(expected, Scaling.IsExtrapolation(g));

    [Theory]
    [InlineData(149.84924237392468, false)] // Anisole: 4e-13 above its bound, a summation-order difference
    [InlineData(149.8492423739243 + 1e-10, true)]
    [InlineData(-150 - 4e-13, false)]
    [InlineData(-150 - 1e-10, true)]
    public void LargeBoundsAllowTheToleranceRelativeToTheirSize(double g, bool expected)
    {
        var scaling = new SymmetryFunctionScaling(ScalingMode.Scale, new ScalingStatistics(-150, 149.84924237392428, 0, 1), 0, 1);
        Assert.Equal(expected, scaling.IsExtrapolation(g));
    }
}
