using Tessera.Networks;

namespace Tessera.Tests.Networks;

public class EarlyStoppingTests
{
    [Fact]
    public void StopsAfterPatienceEpochsWithoutImprovement()
    {
        var s = new EarlyStopping(3);
        Assert.True(s.Observe(0, 1.0));
        Assert.True(s.Observe(1, 0.5));
        Assert.False(s.Observe(2, 0.5 * (1 - 1e-8))); // below the relative 1e-6: no improvement
        Assert.False(s.Observe(3, 0.7));
        Assert.False(s.ShouldStop);
        Assert.False(s.Observe(4, 0.6));
        Assert.True(s.ShouldStop);
        Assert.Equal(1, s.BestEpoch);
        Assert.Equal(0.5, s.BestLoss);
    }

    [Fact]
    public void ZeroPatienceNeverStopsAndPlateausCountEveryTenEpochs()
    {
        var s = new EarlyStopping(0);
        s.Observe(0, 1.0);
        for (int e = 1; e <= 25; e++) Assert.False(s.Observe(e, 2.0));
        Assert.False(s.ShouldStop);
        Assert.Equal(2, s.Plateaus);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping(-1));
    }
}
