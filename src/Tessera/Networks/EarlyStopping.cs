namespace Tessera.Networks;

/// <summary>The one early-stopping rule of every training loop (atomic and fragment networks). Each epoch's
/// validation loss is observed; it improves when it is below the best by more than a relative 1e-6 (noise-level
/// gains do not reset the count). Patience is the number of consecutive epochs without improvement after which
/// training stops (0: never stop early). Every <see cref="PlateauEpochs"/> epochs without improvement count as
/// one plateau, which halves the learning rate (<see cref="LearningRateSchedule.At"/>).</summary>
public sealed class EarlyStopping
{
    /// <summary>Epochs without improvement that make one learning-rate plateau.</summary>
    public const int PlateauEpochs = 10;

    /// <param name="from">The state to continue from (a resumed training run); null starts afresh.</param>
    public EarlyStopping(int patience, EarlyStoppingState? from = null)
    {
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), $"patience must be >= 0 (0: never stop early), got {patience}.");
        Patience = patience;
        if (from is not null) (BestLoss, BestEpoch, EpochsSinceBest, Plateaus) = (from.BestLoss, from.BestEpoch, from.EpochsSinceBest, from.Plateaus);
    }

    /// <summary>What a checkpoint keeps to continue exactly where this stopped.</summary>
    public EarlyStoppingState State => new(BestLoss, BestEpoch, EpochsSinceBest, Plateaus);

    public int Patience { get; }
    public double BestLoss { get; private set; } = double.PositiveInfinity;
    /// <summary>Epoch (0-based) of the best loss; -1 before the first observation.</summary>
    public int BestEpoch { get; private set; } = -1;
    public int EpochsSinceBest { get; private set; }
    public int Plateaus { get; private set; }

    /// <summary>Whether training should stop now (Patience epochs in a row without improvement).</summary>
    public bool ShouldStop => Patience > 0 && EpochsSinceBest >= Patience;

    /// <summary>Records the validation loss of <paramref name="epoch"/>; true when it is the new best (the caller keeps
    /// these weights).</summary>
    public bool Observe(int epoch, double validationLoss)
    {
        if (validationLoss < BestLoss * (1 - 1e-6))
        {
            BestLoss = validationLoss; BestEpoch = epoch; EpochsSinceBest = 0;
            return true;
        }
        if (++EpochsSinceBest % PlateauEpochs == 0) Plateaus++;
        return false;
    }
}

/// <summary>The counters of <see cref="EarlyStopping"/>, for checkpoints.</summary>
public sealed record EarlyStoppingState(double BestLoss, int BestEpoch, int EpochsSinceBest, int Plateaus);
