using Tessera.Fragments;
using Tessera.Networks;

namespace Tessera.FragmentNetworks;

/// <summary>How fragment networks are trained. Build with <see cref="Create"/>, which validates.</summary>
/// <param name="Hidden">Hidden layer widths, e.g. [32, 32].</param>
/// <param name="Activation">Activation of the hidden layers (the output is linear).</param>
/// <param name="Ensemble">Networks per fragment type (different initial weights and batch orders).</param>
/// <param name="Epochs">Largest number of passes over the training set.</param>
/// <param name="Patience">Stop after this many epochs in a row without a better validation loss (<see cref="EarlyStopping"/>; 0: never stop early).</param>
/// <param name="ForceWeight">Weight of the force loss relative to the energy loss (used when the data has forces; 0: energies only).</param>
/// <param name="ValidationFraction">Fraction of each type's fragments held out for early stopping.</param>
/// <param name="TestFraction">Fraction of each type's fragments held out untouched for evaluation.</param>
/// <param name="MaxParallelism">Networks trained at once.</param>
/// <param name="Optimizer">Adam on mini-batches, or full-batch L-BFGS (one iteration per epoch; the learning rate scales its first step).</param>
/// <param name="LbfgsMemory">Curvature pairs kept by L-BFGS.</param>
/// <param name="Target">What the networks learn: each fragment's (delta) energy, or its many-body increment (needs the
/// fragments' faces in the data set; see <see cref="FragmentIncrements"/>).</param>
public sealed record FragmentTrainingSettings(
    int[] Hidden, Activation Activation, int Ensemble, int Epochs, int BatchSize, double LearningRate, double LearningRateDecay,
    double MinLearningRate, int Patience, double ForceWeight, double ValidationFraction, double TestFraction, int Seed, int MaxParallelism,
    TrainingOptimizer Optimizer = TrainingOptimizer.Adam, int LbfgsMemory = 10, FragmentTarget Target = FragmentTarget.Energy)
{
    public static FragmentTrainingSettings Create(int[]? hidden = null, Activation activation = Activation.Tanh, int ensemble = 2,
        int epochs = 300, int batchSize = 16, double learningRate = 2e-3, double learningRateDecay = 0.995, double minLearningRate = 1e-5,
        int patience = 60, double forceWeight = 0.1, double validationFraction = 0.1, double testFraction = 0.1, int seed = 1,
        int? maxParallelism = null, TrainingOptimizer optimizer = TrainingOptimizer.Adam, int lbfgsMemory = 10,
        FragmentTarget target = FragmentTarget.Energy) =>
        new FragmentTrainingSettings(hidden ?? [32, 32], activation, ensemble, epochs, batchSize, learningRate, learningRateDecay,
                                     minLearningRate, patience, forceWeight, validationFraction, testFraction, seed,
                                     maxParallelism ?? Environment.ProcessorCount, optimizer, lbfgsMemory, target).Validated();

    public FragmentTrainingSettings Validated()
    {
        if (Hidden.Length == 0 || Hidden.Any(h => h < 1)) throw new ArgumentException("hidden layers need at least one neuron each.");
        if (Ensemble < 1) throw new ArgumentException($"ensemble must be >= 1, got {Ensemble}.");
        if (Epochs < 1) throw new ArgumentException($"epochs must be >= 1, got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be >= 1, got {BatchSize}.");
        if (Patience < 0) throw new ArgumentException($"patience must be >= 0 (0: never stop early), got {Patience}.");
        if (LbfgsMemory < 1) throw new ArgumentException($"L-BFGS memory must be >= 1 pair, got {LbfgsMemory}.");
        if (!(ForceWeight >= 0)) throw new ArgumentException($"force weight must be >= 0, got {ForceWeight}.");
        if (!(ValidationFraction >= 0 && TestFraction >= 0 && ValidationFraction + TestFraction < 0.9))
            throw new ArgumentException("validation and test fractions must be >= 0 and leave at least 10% for training.");
        if (MaxParallelism < 1) throw new ArgumentException($"parallelism must be >= 1, got {MaxParallelism}.");
        LearningRateSchedule.Create(LearningRate, LearningRateDecay, MinLearningRate);
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
