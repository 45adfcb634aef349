namespace Tessera.Dynamics;

/// <summary>Thermostat noise as a function of (seed, step) alone: step k always draws from the same stream, so a
/// run resumed from any trajectory frame draws exactly the noise the uninterrupted run drew (one shared generator
/// would depend on how many numbers were drawn before the interruption).</summary>
public sealed class StepNoise(int seed)
{
    public int Seed { get; } = seed;

    /// <summary>The generator for the step that takes the state from <paramref name="step"/> - 1 to <paramref name="step"/>.</summary>
    public Random At(long step) => new(Mix(Seed, step));

    /// <summary>SplitMix64 of seed and step, folded to a non-negative int (HashCode is randomised per process).</summary>
    private static int Mix(int seed, long step)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)step) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }
}
