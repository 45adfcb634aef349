using Tessera.Core;

namespace Tessera.Data;

/// <summary>Refuses a training set with a NaN or infinite label (energy, correction or force under any name) before
/// any training: one such number turns every weight into NaN, and the model would be written without a word.
/// Positions and the standard energy and force keys are already checked by every structure reader (IO.FrameChecks);
/// this covers the data set's own keys (E_low, E_high, delta, forces_high, ...).</summary>
public static class FiniteLabels
{
    /// <summary>Throws naming <paramref name="file"/>, the frame (1-based) and the key of the first non-finite label.</summary>
    public static void Require(IReadOnlyList<Structure> frames, string file)
    {
        for (int k = 0; k < frames.Count; k++)
        {
            var s = frames[k];
            foreach (var (key, value) in s.Info)
                if (IsEnergyKey(key) && value is double d && !double.IsFinite(d))
                    throw Bad(file, k, $"'{key}' is {d}");
            foreach (var (key, array) in s.Arrays)
                if (key.Contains("force", StringComparison.OrdinalIgnoreCase) && array.Kind == PerAtomKind.Real)
                    Check(file, k, $"'{key}'", array.Reals, array.Columns);
        }
    }

    /// <summary>Energies under any name (energy, REF_energy, energy_high, ...) and the data set's E_low, E_high, delta.</summary>
    private static bool IsEnergyKey(string key) =>
        key.Contains("energy", StringComparison.OrdinalIgnoreCase) || key.StartsWith("E_", StringComparison.Ordinal) || key == DatasetBuilder.DeltaKey;

    private static void Check(string file, int frame, string what, double[] values, int columns)
    {
        for (int j = 0; j < values.Length; j++)
            if (!double.IsFinite(values[j])) throw Bad(file, frame, $"{what} of atom {j / columns + 1} is {values[j]}");
    }

    private static InvalidDataException Bad(string file, int frame, string what) =>
        new($"{file}: frame {frame + 1}: {what}; training needs finite labels (drop or relabel the frame).");
}
