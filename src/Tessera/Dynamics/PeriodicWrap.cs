using Tessera.Core;

namespace Tessera.Dynamics;

/// <summary>Maps atoms back into the cell along its periodic directions (fractional coordinates in [0, 1)).</summary>
public static class PeriodicWrap
{
    public static void Wrap(Structure s)
    {
        if (!s.IsPeriodic || s.Cell is not { } cell) return;
        var inv = cell.Inverse();
        var r = s.Positions;
        for (int i = 0; i < r.Length; i++)
        {
            var f = r[i] * inv;
            f = new Vec3(s.Pbc[0] ? f.X - Math.Floor(f.X) : f.X,
                         s.Pbc[1] ? f.Y - Math.Floor(f.Y) : f.Y,
                         s.Pbc[2] ? f.Z - Math.Floor(f.Z) : f.Z);
            r[i] = f * cell;
        }
    }
}
