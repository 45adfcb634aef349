using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Settings of Behler-Parrinello training. Loss per structure (normalised units):
/// EnergyWeight ((E - E_ref)/N)^2 + ForceWeight mean over components (F - F_ref)^2.</summary>
public sealed record BpnnTrainingSettings
{
    /// <summary>Adam on mini-batches, or full-batch L-BFGS (one iteration per epoch; the learning rate scales its
    /// first step).</summary>
    public TrainingOptimizer Optimizer { get; init; } = TrainingOptimizer.Adam;
    /// <summary>Curvature pairs kept by L-BFGS.</summary>
    public int LbfgsMemory { get; init; } = 10;
    public int Epochs { get; init; } = 100;
    public int BatchSize { get; init; } = 8;
    public double LearningRate { get; init; } = 1e-3;
    public double LearningRateDecay { get; init; } = 0.99;
    public double MinLearningRate { get; init; } = 1e-6;
    public double EnergyWeight { get; init; } = 1.0;
    public double ForceWeight { get; init; } = 1.0;
    /// <summary>Stop after this many epochs in a row without a better validation loss (<see cref="EarlyStopping"/>; 0: never stop early).</summary>
    public int Patience { get; init; } = 30;
    public double ValidationFraction { get; init; } = 0.1;
    public double TestFraction { get; init; } = 0.1;
    public int Seed { get; init; } = 1;
    public IReadOnlyList<int> HiddenLayers { get; init; } = [25, 25];
    public Activation Activation { get; init; } = Activation.Tanh;
    /// <summary>Symmetry-function cutoff in Angstrom (used when no model template is given).</summary>
    public double Cutoff { get; init; } = 6.0;
    public int MaxDegreeOfParallelism { get; init; } = -1;

    public BpnnTrainingSettings Validated()
    {
        if (LbfgsMemory < 1) throw new ArgumentException("L-BFGS needs a memory of at least one pair.");
        if (Patience < 0) throw new ArgumentException($"patience must be >= 0 (0: never stop early), got {Patience}.");
        if (Epochs < 1 || BatchSize < 1) throw new ArgumentException("Epochs and batch size must be at least 1.");
        if (EnergyWeight < 0 || ForceWeight < 0 || EnergyWeight + ForceWeight <= 0) throw new ArgumentException("Loss weights must be non-negative and not both zero.");
        if (ValidationFraction < 0 || TestFraction < 0 || ValidationFraction + TestFraction >= 1) throw new ArgumentException("Validation and test fractions must leave training data.");
        if (HiddenLayers.Count == 0 || HiddenLayers.Any(n => n < 1)) throw new ArgumentException("Hidden layers need at least one neuron each.");
        if (!(Cutoff > 0)) throw new ArgumentException("Cutoff must be positive.");
        LearningRateSchedule.Create(LearningRate, LearningRateDecay, MinLearningRate);
        return this;
    }
}

/// <summary>One epoch's figures: RMSE of energy (meV/atom) and forces (meV/A) on training and validation sets.</summary>
public sealed record BpnnEpochReport(int Epoch, int Epochs, double LearningRate, double TrainEnergyRmse, double TrainForceRmse,
                                     double ValidationEnergyRmse, double ValidationForceRmse, bool Improved);
