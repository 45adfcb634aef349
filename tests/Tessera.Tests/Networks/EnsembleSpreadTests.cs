using Tessera.Core;
using Tessera.Networks;

namespace Tessera.Tests.Networks;

public class EnsembleSpreadTests
{
    [Fact]
    public void IsTheSampleStandardDeviation()
    {
        // Mean 2, squared deviations 1 + 0 + 1: sample variance 2 / (3 - 1) = 1.
        Assert.Equal(1.0, EnsembleSpread.Of([1.0, 2.0, 3.0]), 14);
        // Mean (0.5, 0.5, 0), squared deviations 0.5 + 0.5: sample variance 1.
        Assert.Equal(1.0, EnsembleSpread.Of([new Vec3(1, 0, 0), new Vec3(0, 1, 0)]), 14);
    }

    [Fact]
    public void IsZeroForOneMember()
    {
        Assert.Equal(0.0, EnsembleSpread.Of([5.0]));
        Assert.Equal(0.0, EnsembleSpread.Of([new Vec3(1, 2, 3)]));
    }
}
