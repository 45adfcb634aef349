using Tessera.Networks;

namespace Tessera.Tests.Networks;

public class TrainingLoopTests
{
    private static readonly LearningRateSchedule Schedule = LearningRateSchedule.Create(0.1, 1.0);

    [Fact]
    public void Keeps_the_weights_of_the_best_validation_loss_and_stops_after_patience()
    {
        double[] w = [0.0];
        double[] losses = [3, 2, 1, 5, 6, 7, 8, 9];
        var seen = new List<int>();
        var s = TrainingLoop.Run([w], epochs: 8, patience: 2, Schedule, (epoch, _) => { w[0] = epoch; return true; },
                                 epoch => losses[epoch], (epoch, _, _) => seen.Add(epoch), CancellationToken.None);
        Assert.Equal([0, 1, 2, 3, 4], seen);
        Assert.Equal(2, s.BestEpoch);
        Assert.Equal(2.0, w[0]);
    }

    [Fact]
    public void Ends_when_the_optimiser_cannot_move_and_refuses_a_non_finite_loss()
    {
        int epochs = 0;
        TrainingLoop.Run([new double[1]], 10, 0, Schedule, (_, _) => false, _ => 1.0, (_, _, _) => epochs++, CancellationToken.None);
        Assert.Equal(1, epochs);
        Assert.Throws<TrainingDivergedException>(() =>
            TrainingLoop.Run([new double[1]], 10, 0, Schedule, (_, _) => true, _ => double.NaN, (_, _, _) => { }, CancellationToken.None));
    }
}
