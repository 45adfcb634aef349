using Tessera.Core;

namespace Tessera.Fragments;

/// <summary>Displacement vectors r_j - r_i under the minimum-image convention along the periodic
/// directions of a structure (plain differences for open structures). Valid for distances below
/// half the smallest perpendicular cell width, which <see cref="HalfWidth"/> reports.</summary>
internal sealed class MinimumImage
{
    private readonly Vec3[] _positions;
    private readonly Mat3 _cell, _inverse;
    private readonly bool[] _pbc;
    private readonly bool _periodic;

    /// <summary>Half the smallest perpendicular width over the periodic directions (infinity when open).</summary>
    public double HalfWidth { get; }

    public MinimumImage(Structure s)
    {
        _positions = s.Positions;
        _pbc = s.Pbc;
        _periodic = s.IsPeriodic;
        HalfWidth = double.PositiveInfinity;
        if (!_periodic) return;
        _cell = s.Cell!.Value;
        _inverse = _cell.Inverse();
        double volume = Math.Abs(_cell.Determinant);
        for (int k = 0; k < 3; k++)
        {
            if (!_pbc[k]) continue;
            // Perpendicular width along lattice vector k: volume / |a_(k+1) x a_(k+2)|.
            double area = Vec3.Cross(_cell[(k + 1) % 3], _cell[(k + 2) % 3]).Length;
            HalfWidth = Math.Min(HalfWidth, 0.5 * volume / area);
        }
    }

    public Vec3 Delta(int i, int j) => Wrap(_positions[j] - _positions[i]);

    public Vec3 Wrap(Vec3 d)
    {
        if (!_periodic) return d;
        var f = d * _inverse;
        f = new Vec3(_pbc[0] ? f.X - Math.Round(f.X) : f.X, _pbc[1] ? f.Y - Math.Round(f.Y) : f.Y,
                     _pbc[2] ? f.Z - Math.Round(f.Z) : f.Z);
        return f * _cell;
    }
}
