using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.Networks;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;

namespace Tessera.Tests.Networks;

/// <summary>The one record of the settings atomic and fragment training share: both trainers refuse a bad shared value with
/// the same message, and a model file written before the record existed reads every setting as it was written.</summary>
public class NetworkTrainingSettingsTests
{
    public static TheoryData<string, string> BadShared() => new()
    {
        { "patience", "patience must be >= 0 (0: never stop early), got -1." },
        { "lbfgs", "L-BFGS memory must be >= 1 pair, got 0." },
        { "epochs", "epochs must be >= 1, got 0." },
        { "batch", "batch size must be >= 1, got 0." },
        { "force", "force weight must be >= 0, got -1." },
        { "hidden", "hidden layers need at least one neuron each." },
    };

    [Theory]
    [MemberData(nameof(BadShared))]
    public void Both_trainers_refuse_a_bad_shared_setting_with_one_message(string which, string message)
    {
        NetworkTrainingSettings Bad(NetworkTrainingSettings s) => which switch
        {
            "patience" => s with { Patience = -1 },
            "lbfgs" => s with { LbfgsMemory = 0 },
            "epochs" => s with { Epochs = 0 },
            "batch" => s with { BatchSize = 0 },
            "force" => s with { ForceWeight = -1 },
            _ => s with { Hidden = [4, 0] },
        };
        var bpnn = Assert.Throws<ArgumentException>(() => ((BpnnTrainingSettings)Bad(new BpnnTrainingSettings())).Validated());
        var fragments = Assert.Throws<ArgumentException>(() => ((FragmentTrainingSettings)Bad(FragmentTrainingSettings.Create())).Validated());
        Assert.Equal(message, bpnn.Message);
        Assert.Equal(message, fragments.Message);
    }

    [Fact]
    public void The_shipped_model_file_reads_every_training_setting_as_written()
    {
        // data/models/w6-increments.json was written by the positional FragmentTrainingSettings, before the shared record.
        var s = FragmentModelFile.Read(BadInputRunner.RepoPath("data/models/w6-increments.json")).Training!.Settings;
        Assert.Equal([16, 16], s.Hidden);
        Assert.Equal((Activation.Tanh, 2, 1000, 16), (s.Activation, s.Ensemble, s.Epochs, s.BatchSize));
        Assert.Equal((0.001, 0.995, 1e-05, 100), (s.LearningRate, s.LearningRateDecay, s.MinLearningRate, s.Patience));
        Assert.Equal((1.0, 0.1, 0.1, 1, 2), (s.ForceWeight, s.ValidationFraction, s.TestFraction, s.Seed, s.MaxParallelism));
        Assert.Equal((TrainingOptimizer.Lbfgs, 10, FragmentTarget.Increment), (s.Optimizer, s.LbfgsMemory, s.Target));
    }

    [Fact]
    public void Each_trainer_keeps_its_own_defaults()
    {
        var b = new BpnnTrainingSettings();
        var f = new FragmentTrainingSettings();
        Assert.Equal([25, 25], b.Hidden);
        Assert.Equal((100, 8, 1e-3, 0.99, 1e-6, 30, 1.0), (b.Epochs, b.BatchSize, b.LearningRate, b.LearningRateDecay, b.MinLearningRate, b.Patience, b.ForceWeight));
        Assert.Equal([32, 32], f.Hidden);
        Assert.Equal((300, 16, 2e-3, 0.995, 1e-5, 60, 0.1), (f.Epochs, f.BatchSize, f.LearningRate, f.LearningRateDecay, f.MinLearningRate, f.Patience, f.ForceWeight));
        Assert.Equal(f, FragmentTrainingSettings.Create() with { MaxParallelism = f.MaxParallelism, Hidden = f.Hidden });
    }
}
