using System.Globalization;
using Tessera.Core;

namespace Tessera.IO;

/// <summary>Checks every frame a structure reader makes, so that no command starts on a geometry or label
/// that would only fail later, far from its cause (or silently give NaN): finite coordinates, no two atoms
/// closer than <see cref="MinDistance"/> (duplicated lines, also across a periodic boundary), a finite cell whose periodic vectors span a
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
            if (!s.Positions[i].IsFinite)
                throw r.Error(atomLine(i), $"atom {Name(s, i)} has a non-finite coordinate {s.Positions[i]}; every coordinate must be a number.");
        CheckCell(s, r, frameLine);
        CheckLabels(s, r, frameLine, atomLine);
        if (CoincidentPair(s) is var (a, b))
        {
            double direct = (s.Positions[a] - s.Positions[b]).Length;
            string how = direct < MinDistance ? $"({F(direct)} A apart)" : "through the periodic cell boundary (one is the other's image)";
            throw r.Error(atomLine(b), $"atoms {Name(s, a)} (line {atomLine(a)}) and {Name(s, b)} are closer than {MinDistance} A {how}: " +
                                       "a duplicated or mistyped atom line.");
        }
    }

    private static string Name(Structure s, int i) => $"{i + 1} ({Element.FromNumber(s.Numbers[i]).Symbol})";

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    private static void CheckCell(Structure s, LineReader r, int line)
    {
        if (s.Cell is not { } cell) return;
        if (!cell.R0.IsFinite || !cell.R1.IsFinite || !cell.R2.IsFinite)
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

    /// <summary>The first pair (i &lt; j) closer than <see cref="MinDistance"/>, directly or (periodic
    /// directions) through the cell boundary, found on a grid of that spacing (linear in the atom count).
    /// Positions are wrapped into the cell; an atom within MinDistance of a cell face also looks for partners
    /// on the far side.</summary>
    private static (int, int)? CoincidentPair(Structure s)
    {
        var shiftVectors = ImageShifts(s, out var wrapped, out var toFractional, out var margins);
        var grid = new Dictionary<(long, long, long), List<int>>();
        var offsets = new List<Vec3>(8);
        for (int j = 0; j < s.Count; j++)
        {
            var p = wrapped[j];
            offsets.Clear();
            offsets.Add(Vec3.Zero);
            if (shiftVectors is not null)
            {
                var f = p * toFractional;
                for (int k = 0; k < 3; k++)
                {
                    double shift = f[k] < margins[k] ? 1 : f[k] > 1 - margins[k] ? -1 : 0;
                    if (shift == 0) continue;
                    int n = offsets.Count;
                    for (int m = 0; m < n; m++) offsets.Add(offsets[m] + shift * shiftVectors[k]);
                }
            }
            foreach (var offset in offsets)
            {
                var q = p + offset;
                var key = (Cell(q.X), Cell(q.Y), Cell(q.Z));
                for (long dx = -1; dx <= 1; dx++)
                    for (long dy = -1; dy <= 1; dy++)
                        for (long dz = -1; dz <= 1; dz++)
                            if (grid.TryGetValue((key.Item1 + dx, key.Item2 + dy, key.Item3 + dz), out var near))
                                foreach (int i in near)
                                    if ((wrapped[i] - q).Length < MinDistance) return (i, j);
            }
            var own = (Cell(p.X), Cell(p.Y), Cell(p.Z));
            if (grid.TryGetValue(own, out var list)) list.Add(j);
            else grid[own] = [j];
        }
        return null;
    }

    /// <summary>For a periodic frame with a full-rank cell: the lattice vectors along periodic directions (zero
    /// along open ones), positions wrapped into the cell along periodic directions, and per direction the
    /// fractional distance from a face within which an image can be closer than MinDistance. Null (and the
    /// positions as they are) for open frames.</summary>
    private static Vec3[]? ImageShifts(Structure s, out Vec3[] wrapped, out Mat3 toFractional, out double[] margins)
    {
        wrapped = s.Positions;
        toFractional = Mat3.Identity;
        margins = [0, 0, 0];
        if (!s.IsPeriodic || s.Cell is not { } cell || !(Math.Abs(cell.Determinant) > 0)) return null;
        var inverse = cell.Inverse();
        double volume = Math.Abs(cell.Determinant);
        var shifts = new Vec3[3];
        for (int k = 0; k < 3; k++)
        {
            if (!s.Pbc[k]) continue;
            shifts[k] = cell[k];
            double height = volume / Vec3.Cross(cell[(k + 1) % 3], cell[(k + 2) % 3]).Length;
            margins[k] = MinDistance / height;
        }
        wrapped = new Vec3[s.Count];
        for (int i = 0; i < s.Count; i++)
        {
            var f = s.Positions[i] * inverse;
            var fw = new Vec3(s.Pbc[0] ? f.X - Math.Floor(f.X) : f.X, s.Pbc[1] ? f.Y - Math.Floor(f.Y) : f.Y, s.Pbc[2] ? f.Z - Math.Floor(f.Z) : f.Z);
            wrapped[i] = fw * cell;
        }
        toFractional = inverse;
        return shifts;
    }

    private static long Cell(double x) => (long)Math.Floor(x / MinDistance);
}
