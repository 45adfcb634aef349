namespace Tessera.Networks;

/// <summary>The settings every network training shares (atomic networks in <c>BpnnTrainingSettings</c>, fragment networks
/// in <c>FragmentTrainingSettings</c>), each with one meaning in both. Each trainer's record adds what only it has (loss
/// weights, ensemble, parallelism) and sets its own defaults; <see cref="ValidateShared"/> checks these once for both.</summary>
public abstract record NetworkTrainingSettings
{
    /// <summary>Hidden layer widths, e.g. [16, 16] (the output layer is one linear neuron).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [];
    /// <summary>Activation of the hidden layers.</summary>
    public Activation Activation { get; init; } = Activation.Tanh;
    /// <summary>Adam on mini-batches, or full-batch L-BFGS (one iteration per epoch; the learning rate scales its first step).</summary>
    public TrainingOptimizer Optimizer { get; init; } = TrainingOptimizer.Adam;
    /// <summary>Curvature pairs kept by L-BFGS.</summary>
    public int LbfgsMemory { get; init; } = 10;
    /// <summary>Largest number of epochs (passes over the training set; L-BFGS: iterations).</summary>
    public int Epochs { get; init; }
    /// <summary>Training samples per Adam step.</summary>
    public int BatchSize { get; init; }
    /// <summary>Initial learning rate (<see cref="LearningRateSchedule"/>).</summary>
    public double LearningRate { get; init; }
    /// <summary>Learning-rate factor per epoch.</summary>
    public double LearningRateDecay { get; init; }
    /// <summary>Floor of the learning rate.</summary>
    public double MinLearningRate { get; init; }
    /// <summary>Stop after this many epochs in a row without a better validation loss (<see cref="EarlyStopping"/>; 0: never stop early).</summary>
    public int Patience { get; init; }
    /// <summary>Weight of the force term of the loss (mean over force components of the squared error) against the energy
    /// term; used when the data has forces (0: energies only).</summary>
    public double ForceWeight { get; init; }
    /// <summary>Fraction of the data held out for early stopping.</summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Fraction of the data held out untouched for evaluation.</summary>
    public double TestFraction { get; init; } = 0.1;
    /// <summary>Seed of the split, the initial weights and the batch order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The learning-rate schedule of these settings.</summary>
    public LearningRateSchedule Schedule() => LearningRateSchedule.Create(LearningRate, LearningRateDecay, MinLearningRate);

    /// <exception cref="ArgumentException">A shared setting out of its range.</exception>
    protected void ValidateShared()
    {
        if (Hidden.Count == 0 || Hidden.Any(h => h < 1)) throw new ArgumentException("hidden layers need at least one neuron each.");
        if (Epochs < 1) throw new ArgumentException($"epochs must be >= 1, got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be >= 1, got {BatchSize}.");
        if (Patience < 0) throw new ArgumentException($"patience must be >= 0 (0: never stop early), got {Patience}.");
        if (LbfgsMemory < 1) throw new ArgumentException($"L-BFGS memory must be >= 1 pair, got {LbfgsMemory}.");
        if (!(ForceWeight >= 0)) throw new ArgumentException($"force weight must be >= 0, got {ForceWeight}.");
        if (!(ValidationFraction >= 0 && TestFraction >= 0 && ValidationFraction + TestFraction < 1))
            throw new ArgumentException("validation and test fractions must be >= 0 and leave training data.");
        Schedule();
    }
}
