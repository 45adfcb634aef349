namespace Tessera.Networks;

/// <summary>Exponential decay per epoch, halved further on each validation plateau, never below a floor.</summary>
public sealed record LearningRateSchedule(double Initial, double DecayPerEpoch, double Minimum)
{
    public static LearningRateSchedule Create(double initial, double decayPerEpoch = 0.98, double minimum = 1e-6)
    {
        if (!(initial > 0)) throw new ArgumentOutOfRangeException(nameof(initial), "Learning rate must be positive.");
        if (!(decayPerEpoch > 0 && decayPerEpoch <= 1)) throw new ArgumentOutOfRangeException(nameof(decayPerEpoch), "Decay must lie in (0, 1].");
        return new LearningRateSchedule(initial, decayPerEpoch, Math.Min(minimum, initial));
    }

    public double At(int epoch, int plateaus) => Math.Max(Minimum, Initial * Math.Pow(DecayPerEpoch, epoch) * Math.Pow(0.5, plateaus));
}
