using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.Networks;
using Tessera.Tests.Data;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>Fragment training cancelled midway (twice) and resumed from its checkpoint gives the uninterrupted run's model
/// bit for bit, with Adam (whose batch order is replayed) and with L-BFGS (whose curvature pairs are restored), with
/// forces in the loss; a checkpoint of another run is refused.</summary>
public class FragmentCheckpointTests
{
    private static readonly FragmentSettings Fragmentation = FragmentSettings.Create(1, 3.6, switchOn: 2.7);
    private static readonly Lazy<List<Structure>> Frames = new(() => ToyDeltaData.Frames(14, 3, Fragmentation, 41, forces: true));

    private static FragmentTrainingSettings Settings(TrainingOptimizer optimizer, int seed = 5) =>
        FragmentTrainingSettings.Create(hidden: [6, 5], ensemble: 2, epochs: 30, patience: 0, forceWeight: 0.2, seed: seed,
                                        maxParallelism: 2, optimizer: optimizer);

    private static FragmentTrainingResult Train(FragmentTrainingSettings s, FragmentCheckpoints? checkpoints = null,
                                                IProgress<FragmentTrainingProgress>? progress = null, CancellationToken ct = default) =>
        FragmentTrainer.Train(Frames.Value, Fragmentation, FragmentDescriptorSettings.Default, s, progress: progress, ct: ct, checkpoints: checkpoints);

    [Theory]
    [InlineData(TrainingOptimizer.Adam)]
    [InlineData(TrainingOptimizer.Lbfgs)]
    public void Cancelled_twice_and_resumed_gives_the_uninterrupted_model_bit_for_bit(TrainingOptimizer optimizer)
    {
        var settings = Settings(optimizer);
        var reference = Train(settings).Model;
        string dir = Temp.Folder(), path = Path.Combine(dir, "model.checkpoint");
        try
        {
            long total = (long)reference.Types.Count * settings.Ensemble * settings.Epochs;
            foreach (double fraction in new[] { 0.3, 0.7 })
            {
                using var cts = new CancellationTokenSource();
                var cancel = new CancelAt((long)(fraction * total), cts);
                Assert.ThrowsAny<OperationCanceledException>(() => Train(settings, new FragmentCheckpoints(path, TimeSpan.Zero, resume: true), cancel, cts.Token));
                Assert.True(File.Exists(path), "a cancelled run left no checkpoint");
            }
            var checkpoints = new FragmentCheckpoints(path, TimeSpan.Zero, resume: true);
            var resumed = Train(settings, checkpoints).Model;
            Assert.True(checkpoints.Resumed > 0, "the run did not resume");
            Assert.Equal(reference.Types.Select(t => t.Type), resumed.Types.Select(t => t.Type));
            var (want, got) = (reference.Types.ToArray(), resumed.Types.ToArray());
            for (int t = 0; t < want.Length; t++)
                for (int m = 0; m < settings.Ensemble; m++)
                    Assert.Equal(want[t].Members[m].Parameters, got[t].Members[m].Parameters); // exact doubles
            Assert.Equal(reference.Training!.Curves.SelectMany(c => c.Points), resumed.Training!.Curves.SelectMany(c => c.Points));
            Assert.Equal(reference.Training.Curves.Select(c => c.BestEpoch), resumed.Training.Curves.Select(c => c.BestEpoch));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_refused_and_without_resume_it_is_overwritten()
    {
        string dir = Temp.Folder(), path = Path.Combine(dir, "model.checkpoint");
        try
        {
            Train(Settings(TrainingOptimizer.Adam) with { Epochs = 3 }, new FragmentCheckpoints(path, TimeSpan.Zero, resume: false));
            var e = Assert.Throws<ArgumentException>(() =>
                Train(Settings(TrainingOptimizer.Adam, seed: 6) with { Epochs = 3 }, new FragmentCheckpoints(path, TimeSpan.Zero, resume: true)));
            Assert.Contains("different training run", e.Message);
            var fresh = new FragmentCheckpoints(path, TimeSpan.Zero, resume: false);
            Train(Settings(TrainingOptimizer.Adam, seed: 6) with { Epochs = 3 }, fresh);
            Assert.Equal(0, fresh.Resumed);
            var again = new FragmentCheckpoints(path, TimeSpan.Zero, resume: true);
            Train(Settings(TrainingOptimizer.Adam, seed: 6) with { Epochs = 3 }, again);
            Assert.True(again.Resumed > 0);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Cancels once <paramref name="epochs"/> epochs (over all networks) are done; reports arrive on the training threads.</summary>
    private sealed class CancelAt(long epochs, CancellationTokenSource cts) : IProgress<FragmentTrainingProgress>
    {
        public void Report(FragmentTrainingProgress p)
        {
            if (p.EpochsDone >= epochs) cts.Cancel();
        }
    }
}
