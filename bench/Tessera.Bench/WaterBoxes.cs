using Tessera.Core;

namespace Tessera.Bench;

/// <summary>Periodic water boxes of chosen size from one orthorhombic frame: larger ones replicate the cell, smaller
/// ones keep the whole molecules whose oxygen lies in a corner sub-box and make that sub-box the cell. Both keep the
/// frame's density, so every atom has as many neighbours as in the frame and the work per atom stays the same (the
/// sub-box's seam puts molecules side by side that never met: its energies are not physical, its cost is).</summary>
public static class WaterBoxes
{
    /// <summary>The frame repeated na x nb x nc times.</summary>
    public static Structure Replicate(Structure s, int na, int nb, int nc)
    {
        var cell = s.Cell ?? throw new ArgumentException("Replicating needs a periodic cell.");
        int n = s.Count, copies = na * nb * nc;
        var z = new int[n * copies];
        var r = new Vec3[n * copies];
        int k = 0;
        for (int a = 0; a < na; a++)
        for (int b = 0; b < nb; b++)
        for (int c = 0; c < nc; c++)
        {
            var shift = a * cell.R0 + b * cell.R1 + c * cell.R2;
            for (int i = 0; i < n; i++, k++) { z[k] = s.Numbers[i]; r[k] = s.Positions[i] + shift; }
        }
        return new Structure(z, r, new Mat3(na * cell.R0, nb * cell.R1, nc * cell.R2), [true, true, true]);
    }

    /// <summary>About <paramref name="atoms"/> atoms: the molecules whose oxygen has all fractional coordinates below
    /// f = (atoms / N)^(1/3), in the cell f times the frame's; hydrogens sit at their oxygen's nearest image.</summary>
    public static Structure CutOut(Structure s, int atoms)
    {
        var cell = s.Cell ?? throw new ArgumentException("Cutting out needs a periodic cell.");
        double f = Math.Cbrt((double)atoms / s.Count);
        var inverse = cell.Inverse();
        // O-H bonds are about 1 Angstrom, the closest intermolecular O...H about 1.6.
        var bonds = NeighbourList.Build(s, 1.25);
        var z = new List<int>();
        var r = new List<Vec3>();
        for (int i = 0; i < s.Count; i++)
        {
            if (s.Numbers[i] != 8) continue;
            var u = s.Positions[i] * inverse;
            u = new Vec3(u.X - Math.Floor(u.X), u.Y - Math.Floor(u.Y), u.Z - Math.Floor(u.Z));
            if (u.X >= f || u.Y >= f || u.Z >= f) continue;
            var o = u * cell;
            z.Add(8); r.Add(o);
            var near = bonds.NeighboursOf(i); var d = bonds.DisplacementsOf(i);
            for (int n = 0; n < near.Length; n++)
                if (s.Numbers[near[n]] == 1) { z.Add(1); r.Add(o + d[n]); }
        }
        return new Structure([.. z], [.. r], f * cell, [true, true, true]);
    }
}
