using System.Globalization;

namespace Tessera.IO;

/// <summary>Numbers in n2p2's files (input.nn, scaling.data, weights): invariant culture, and always finite,
/// since a NaN weight or statistic would only show up later as NaN energies.</summary>
internal static class N2p2Numbers
{
    public static double Real(string word, string file, int line, string what) =>
        double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v
            : throw new FileFormatException(file, line, $"{what}: '{word}' is not a finite number.");

    public static int Integer(string word, string file, int line, string what) =>
        int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v
            : throw new FileFormatException(file, line, $"{what}: '{word}' is not an integer.");
}
