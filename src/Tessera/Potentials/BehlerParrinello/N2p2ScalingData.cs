using Tessera.Core;
using Tessera.Descriptors;
using Tessera.IO;

namespace Tessera.Potentials.BehlerParrinello;

/// <summary>n2p2's scaling.data: one row "e_index sf_index min max mean [sigma]" per symmetry function, e_index
/// counting the elements in n2p2's order from 1 and sf_index the element's functions in n2p2's sorted order.
/// Rows are matched by those two indices, not by position, so a file for another input.nn (a row too few
/// for one element, one too many for another) is refused instead of shifting every statistic by one.</summary>
internal static class N2p2ScalingData
{
    /// <param name="elements">Atomic numbers in n2p2's order.</param>
    /// <param name="counts">Symmetry functions per element, as input.nn defines them.</param>
    /// <param name="mode">The scaling input.nn asks for: a range (or sigma) it divides by must be positive.</param>
    public static List<ScalingStatistics[]> Read(string path, int[] elements, int[] counts, ScalingMode mode)
    {
        var result = counts.Select(c => new ScalingStatistics[c]).ToList();
        var seen = counts.Select(c => new int[c]).ToList(); // line of each row, 0 = not yet seen
        int shortLine = 0;
        foreach (var (raw, number) in LineReader.Lines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (shortLine > 0) throw Short(path, shortLine);
            var w = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (w.Length < 5) { shortLine = number; continue; } // older files end with an energy statistics line
            int e = N2p2Numbers.Integer(w[0], path, number, "element index") - 1;
            int f = N2p2Numbers.Integer(w[1], path, number, "symmetry function index") - 1;
            if (e < 0 || e >= elements.Length)
                throw new FileFormatException(path, number, $"element index {e + 1}, but input.nn has {elements.Length} elements ({Symbols(elements)}).");
            string el = Element.FromNumber(elements[e]).Symbol;
            if (f < 0 || f >= counts[e])
                throw new FileFormatException(path, number, $"row for {el} symmetry function {f + 1}, but input.nn defines {counts[e]} for {el}: " +
                                                            "this scaling.data belongs to other symmetry functions.");
            if (seen[e][f] > 0)
                throw new FileFormatException(path, number, $"a second row for {el} symmetry function {f + 1} (first at line {seen[e][f]}).");
            seen[e][f] = number;
            var st = new ScalingStatistics(N2p2Numbers.Real(w[2], path, number, "min"), N2p2Numbers.Real(w[3], path, number, "max"),
                                           N2p2Numbers.Real(w[4], path, number, "mean"),
                                           w.Length > 5 ? N2p2Numbers.Real(w[5], path, number, "sigma") : 0.0);
            if (Unusable(st, mode) is { } why) throw new FileFormatException(path, number, $"{el} symmetry function {f + 1}: {why}");
            result[e][f] = st;
        }
        for (int e = 0; e < counts.Length; e++)
        {
            int missing = Array.IndexOf(seen[e], 0);
            if (missing >= 0)
                throw new FileFormatException(path, $"no row for {Element.FromNumber(elements[e]).Symbol} symmetry function {missing + 1} " +
                                                    $"({seen[e].Count(l => l == 0)} of the {counts[e]} that input.nn defines are missing).");
        }
        return [.. result];
    }

    /// <summary>Why a row cannot scale its function (null when it can): min above max is corrupt in any mode;
    /// a zero range or sigma that the mode divides by would make every network input infinite or NaN.</summary>
    private static string? Unusable(ScalingStatistics s, ScalingMode mode) =>
        s.Min > s.Max ? $"min {s.Min} is above max {s.Max}."
        : mode is ScalingMode.Scale or ScalingMode.ScaleCenter && s.Max == s.Min ? $"min and max are both {s.Min}, and the scaling divides by their difference."
        : mode is ScalingMode.Sigma && s.Sigma <= 0 ? $"sigma {s.Sigma} is not positive, and the scaling divides by it."
        : null;

    private static FileFormatException Short(string path, int line) =>
        new(path, line, "a scaling row needs e_index sf_index min max mean [sigma]; only the last line may be shorter (energy statistics).");

    private static string Symbols(int[] elements) => string.Join(' ', elements.Select(z => Element.FromNumber(z).Symbol));
}
