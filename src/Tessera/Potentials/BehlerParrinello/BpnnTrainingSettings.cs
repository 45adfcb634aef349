using Tessera.Networks;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>Settings of Behler-Parrinello training: the shared ones (<see cref="NetworkTrainingSettings"/>) with this
/// trainer's defaults, and the energy weight, cutoff and parallelism. Loss per structure (normalised units):
/// EnergyWeight ((E - E_ref)/N)^2 + ForceWeight mean over components (F - F_ref)^2.</summary>
public sealed record BpnnTrainingSettings : NetworkTrainingSettings
{
    public BpnnTrainingSettings()
    {
        Hidden = [25, 25]; Epochs = 100; BatchSize = 8; LearningRate = 1e-3; LearningRateDecay = 0.99; MinLearningRate = 1e-6;
        Patience = 30; ForceWeight = 1.0;
    }

    public double EnergyWeight { get; init; } = 1.0;
    /// <summary>Symmetry-function cutoff in Angstrom (used when no model template is given).</summary>
    public double Cutoff { get; init; } = 6.0;
    /// <summary>Structures evaluated at once (-1: all processors).</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    public BpnnTrainingSettings Validated()
    {
        ValidateShared();
        if (EnergyWeight < 0 || EnergyWeight + ForceWeight <= 0) throw new ArgumentException("Loss weights must be non-negative and not both zero.");
        if (!(Cutoff > 0)) throw new ArgumentException("Cutoff must be positive.");
        return this;
    }
}

/// <summary>One epoch's figures: RMSE of energy (meV/atom) and forces (meV/A) on training and validation sets.</summary>
public sealed record BpnnEpochReport(int Epoch, int Epochs, double LearningRate, double TrainEnergyRmse, double TrainForceRmse,
                                     double ValidationEnergyRmse, double ValidationForceRmse, bool Improved);
