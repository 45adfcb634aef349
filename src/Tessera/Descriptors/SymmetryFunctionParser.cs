using System.Globalization;

namespace Tessera.Descriptors;

/// <summary>Builds symmetry functions from n2p2's "symfunction_short" parameters (the words after the
/// keyword), with the global cutoff type and alpha that input.nn gives for the exponential families.</summary>
public static class SymmetryFunctionParser
{
    public static readonly IReadOnlyList<int> SupportedTypes = [2, 3, 9, 12, 13, 20, 21, 22, 23, 24, 25];

    public static SymmetryFunction Parse(IReadOnlyList<string> w, CutoffType cutoffType, double alpha)
    {
        if (w.Count < 2) throw new FormatException("A symmetry function needs at least an element and a type.");
        int central = Z(w[0]);
        int type = int.TryParse(w[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) ? t
            : throw new FormatException($"symmetry function type '{w[1]}' is not an integer.");
        Need(w, type switch { 2 => 6, 3 or 9 => 8, 12 => 5, 13 => 7, 20 => 6, 21 or 22 => 9, 23 => 5, 24 or 25 => 7, _ => 0 }, type);
        CutoffFunction Cut(string rc) => new(cutoffType, D(rc), alpha);
        return type switch
        {
            2 => new ExponentialRadialFunction(2, central, Z(w[2]), D(w[3]), D(w[4]), Cut(w[5])),
            12 => new ExponentialRadialFunction(12, central, 0, D(w[2]), D(w[3]), Cut(w[4])),
            3 or 9 => new ExponentialAngularFunction(type, central, Z(w[2]), Z(w[3]), D(w[4]), D(w[5]), D(w[6]),
                                                     w.Count > 8 ? D(w[8]) : 0.0, Cut(w[7])),
            13 => new ExponentialAngularFunction(13, central, 0, 0, D(w[2]), D(w[4]), D(w[5]), D(w[3]), Cut(w[6])),
            20 => new CompactRadialFunction(20, central, Z(w[2]), D(w[3]), D(w[4]), w[5]),
            23 => new CompactRadialFunction(23, central, 0, D(w[2]), D(w[3]), w[4]),
            21 or 22 => new CompactAngularFunction(type, central, Z(w[2]), Z(w[3]), D(w[4]), D(w[5]), D(w[6]), D(w[7]), w[8]),
            24 or 25 => new CompactAngularFunction(type, central, 0, 0, D(w[2]), D(w[3]), D(w[4]), D(w[5]), w[6]),
            _ => throw new FormatException($"Unsupported symmetry function type {type} (supported: {string.Join(", ", SupportedTypes)})."),
        };
    }

    private static void Need(IReadOnlyList<string> w, int count, int type)
    {
        if (count > 0 && w.Count < count)
            throw new FormatException($"Symmetry function type {type} needs {count} parameters, got {w.Count}.");
    }

    private static int Z(string symbol) => Core.Element.FromSymbol(symbol).Number;

    private static double D(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw new FormatException($"'{s}' is not a finite number.");
}
