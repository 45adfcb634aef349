using Tessera.Fragments;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>How fragment networks are trained: the shared settings (<see cref="NetworkTrainingSettings"/>; the fractions
/// hold out part of each type's fragments) with this trainer's defaults, and the ensemble, parallelism and target. Build
/// with <see cref="Create"/>, which validates.</summary>
public sealed record FragmentTrainingSettings : NetworkTrainingSettings
{
    public FragmentTrainingSettings()
    {
        Hidden = [32, 32]; Epochs = 300; BatchSize = 16; LearningRate = 2e-3; LearningRateDecay = 0.995; MinLearningRate = 1e-5;
        Patience = 60; ForceWeight = 0.1;
    }

    /// <summary>Networks per fragment type (different initial weights and batch orders).</summary>
    public int Ensemble { get; init; } = 2;
    /// <summary>Networks trained at once.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>What the networks learn: each fragment's (delta) energy, or its many-body increment (needs the fragments'
    /// faces in the data set; see <see cref="FragmentIncrements"/>).</summary>
    public FragmentTarget Target { get; init; } = FragmentTarget.Energy;

    public static FragmentTrainingSettings Create(int[]? hidden = null, Activation activation = Activation.Tanh, int ensemble = 2,
        int epochs = 300, int batchSize = 16, double learningRate = 2e-3, double learningRateDecay = 0.995, double minLearningRate = 1e-5,
        int patience = 60, double forceWeight = 0.1, double validationFraction = 0.1, double testFraction = 0.1, int seed = 1,
        int? maxParallelism = null, TrainingOptimizer optimizer = TrainingOptimizer.Adam, int lbfgsMemory = 10,
        FragmentTarget target = FragmentTarget.Energy) =>
        new FragmentTrainingSettings
        {
            Hidden = hidden ?? [32, 32], Activation = activation, Ensemble = ensemble, Epochs = epochs, BatchSize = batchSize,
            LearningRate = learningRate, LearningRateDecay = learningRateDecay, MinLearningRate = minLearningRate, Patience = patience,
            ForceWeight = forceWeight, ValidationFraction = validationFraction, TestFraction = testFraction, Seed = seed,
            MaxParallelism = maxParallelism ?? Environment.ProcessorCount, Optimizer = optimizer, LbfgsMemory = lbfgsMemory, Target = target,
        }.Validated();

    public FragmentTrainingSettings Validated()
    {
        ValidateShared();
        if (Ensemble < 1) throw new ArgumentException($"ensemble must be >= 1, got {Ensemble}.");
        // Per type, and small types need what training data they have.
        if (!(ValidationFraction + TestFraction < 0.9))
            throw new ArgumentException("validation and test fractions must be >= 0 and leave at least 10% for training.");
        if (MaxParallelism < 1) throw new ArgumentException($"parallelism must be >= 1, got {MaxParallelism}.");
        return this;
    }
}

/// <summary>One epoch of one network: RMSEs of the fragment energy (kcal/mol) and learning rate.</summary>
public sealed record EpochPoint(int Epoch, double TrainRmse, double ValidationRmse, double LearningRate);

/// <summary>Learning curve of one ensemble member of one type; BestEpoch is the epoch whose weights were kept.</summary>
public sealed record MemberCurve(string Type, int Member, int BestEpoch, EpochPoint[] Points);

/// <summary>Per fragment type: counts of the split and held-out errors of the ensemble mean (kcal/mol; NaN when empty).</summary>
public sealed record TypeStatistics(string Type, int Rank, int Train, int Validation, int Test,
                                    double ValidationMae, double TestMae, double TestRmse);

/// <summary>What training did: settings, curves, per-type statistics, whether forces were fitted, when and how long, and
/// (increment targets) how many data-set fragments were left out because a face of theirs was not in the data.</summary>
public sealed record FragmentTrainingRecord(FragmentTrainingSettings Settings, MemberCurve[] Curves, TypeStatistics[] Types,
                                            bool UsedForces, DateTime CreatedUtc, string TesseraVersion, double WallSeconds,
                                            int MissingFaces = 0);

/// <summary>Training progress: epochs done over all networks of the largest total (early stops count their skipped epochs), and
/// the epoch just finished by the network that reports (its type, ensemble member and errors; null before its first).</summary>
public readonly record struct FragmentTrainingProgress(long EpochsDone, long EpochsTotal, int NetworksDone, int Networks,
                                                      string? Type = null, int Member = 0, EpochPoint? Latest = null);
