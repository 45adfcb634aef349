using System.Globalization;
using Tessera.Core;

namespace Tessera.IO;

/// <summary>Checks every frame a structure reader makes, so that no command starts on a geometry or label
/// that would only fail later, far from its cause (or silently give NaN): finite coordinates, no two atoms
/// closer than <see cref="MinDistance"/> (duplicated lines), a finite cell whose periodic vectors span a
/// volume (area, length), finite energies and forces. Errors name the file, the line and the atoms.</summary>
internal static class FrameChecks
{
    /// <summary>Closer than this (Angstrom) no two atoms are in any real structure.</summary>
    public const double MinDistance = 0.1;
    /// <summary>|sin| of the angles between periodic lattice vectors below this is a flat (singular) cell.</summary>
    private const double MinSine = 1e-6;

    /// <param name="frameLine">The line naming frame-level problems (the comment or lattice line).</param>
    /// <param name="atomLine">The line of atom i (0-based).</param>
    public static void Check(Structure s, LineReader r, int frameLine, Func<int, int> atomLine)
    {
        for (int i = 0; i < s.Count; i++)
            if (!IsFinite(s.Positions[i]))
                throw r.Error(atomLine(i), $"atom {Name(s, i)} has a non-finite coordinate {s.Positions[i]}; every coordinate must be a number.");
        CheckCell(s, r, frameLine);
        CheckLabels(s, r, frameLine, atomLine);
        if (CoincidentPair(s) is var (a, b))
            throw r.Error(atomLine(b), $"atoms {Name(s, a)} (line {atomLine(a)}) and {Name(s, b)} are " +
                                       $"{F((s.Positions[a] - s.Positions[b]).Length)} A apart, closer than {MinDistance} A: " +
                                       "a duplicated or mistyped atom line.");
    }

    private static string Name(Structure s, int i) => $"{i + 1} ({Element.FromNumber(s.Numbers[i]).Symbol})";

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    private static bool IsFinite(Vec3 v) => double.IsFinite(v.X) && double.IsFinite(v.Y) && double.IsFinite(v.Z);

    private static void CheckCell(Structure s, LineReader r, int line)
    {
        if (s.Cell is not { } cell) return;
        if (!IsFinite(cell.R0) || !IsFinite(cell.R1) || !IsFinite(cell.R2))
            throw r.Error(line, "the cell (lattice) has a non-finite entry.");
        var periodic = Enumerable.Range(0, 3).Where(k => s.Pbc[k]).Select(k => cell[k]).ToArray();
        foreach (var (v, k) in periodic.Select((v, k) => (v, k)))
            if (v.Length < MinDistance)
                throw r.Error(line, $"periodic lattice vector {"abc"[k]} is {F(v.Length)} A long; a periodic direction needs a real cell vector.");
        double sine = periodic.Length switch
        {
            2 => Vec3.Cross(periodic[0], periodic[1]).Length / (periodic[0].Length * periodic[1].Length),
            3 => Math.Abs(cell.Determinant) / (cell.R0.Length * cell.R1.Length * cell.R2.Length),
            _ => 1,
        };
        if (sine < MinSine)
            throw r.Error(line, $"the cell is singular (determinant {cell.Determinant.ToString("G3", CultureInfo.InvariantCulture)} A^3): its periodic lattice vectors are parallel or coplanar.");
    }

    private static void CheckLabels(Structure s, LineReader r, int frameLine, Func<int, int> atomLine)
    {
        foreach (var key in Structure.EnergyKeys)
            if (s.Info.TryGetValue(key, out var v) && v is double d && !double.IsFinite(d))
                throw r.Error(frameLine, $"{key} is {d}; a labelled frame needs a finite energy.");
        foreach (var key in Structure.ForceKeys)
        {
            if (!s.Arrays.TryGetValue(key, out var a) || a.Kind != PerAtomKind.Real) continue;
            int bad = Array.FindIndex(a.Reals, x => !double.IsFinite(x));
            if (bad >= 0)
                throw r.Error(atomLine(bad / a.Columns), $"{key} of atom {Name(s, bad / a.Columns)} is not finite; a labelled frame needs finite forces.");
        }
    }

    /// <summary>The first pair (i &lt; j) closer than <see cref="MinDistance"/>, found on a grid of that spacing
    /// (linear in the atom count); direct distances only, not periodic images.</summary>
    private static (int, int)? CoincidentPair(Structure s)
    {
        var grid = new Dictionary<(long, long, long), List<int>>();
        for (int j = 0; j < s.Count; j++)
        {
            var p = s.Positions[j];
            var key = (Cell(p.X), Cell(p.Y), Cell(p.Z));
            for (long dx = -1; dx <= 1; dx++)
                for (long dy = -1; dy <= 1; dy++)
                    for (long dz = -1; dz <= 1; dz++)
                        if (grid.TryGetValue((key.Item1 + dx, key.Item2 + dy, key.Item3 + dz), out var near))
                            foreach (int i in near)
                                if ((s.Positions[i] - p).Length < MinDistance) return (i, j);
            if (grid.TryGetValue(key, out var list)) list.Add(j);
            else grid[key] = [j];
        }
        return null;
    }

    private static long Cell(double x) => (long)Math.Floor(x / MinDistance);
}
