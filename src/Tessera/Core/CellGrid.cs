namespace Tessera.Core;

/// <summary>Bins atoms by fractional coordinates for <see cref="NeighbourList"/>. Along a periodic
/// direction atoms are wrapped into the cell and bins repeat with an image shift; along an open
/// direction bins span the atoms' extent. Reach[d] is how many bins either side can hold a neighbour.</summary>
internal sealed class CellGrid
{
    private readonly Mat3 _cell;
    private readonly bool[] _periodic;
    private readonly int[] _bins = new int[3];
    private readonly double[] _origin = new double[3];
    private readonly double[] _binWidth = new double[3];   // in fractional units
    private readonly Vec3[] _fractional;
    private readonly int[] _binStart;
    private readonly int[] _binAtoms;

    public int[] Reach { get; } = new int[3];
    /// <summary>Positions with periodic directions wrapped into [0, 1) fractional.</summary>
    public Vec3[] Wrapped { get; }

    private CellGrid(Structure s, double cutoff)
    {
        int n = s.Count;
        _periodic = s.IsPeriodic ? (bool[])s.Pbc.Clone() : [false, false, false];
        // Open systems get a unit cell so one code path handles both (fractional = Cartesian).
        _cell = s.Cell is { } c && Math.Abs(c.Determinant) > 1e-12 ? c : Mat3.Identity;
        if (s.IsPeriodic && s.Cell is not { } pc) throw new ArgumentException("Periodic structure without a cell.");
        var inverse = _cell.Inverse();
        _fractional = new Vec3[n];
        Wrapped = new Vec3[n];
        for (int i = 0; i < n; i++)
        {
            var f = s.Positions[i] * inverse;
            f = new Vec3(Wrap(f.X, 0), Wrap(f.Y, 1), Wrap(f.Z, 2));
            _fractional[i] = f;
            Wrapped[i] = f * _cell;
        }
        double volume = Math.Abs(_cell.Determinant);
        for (int d = 0; d < 3; d++)
        {
            // Perpendicular height of the cell along lattice direction d.
            double height = volume / Vec3.Cross(_cell[(d + 1) % 3], _cell[(d + 2) % 3]).Length;
            double lo = 0, span = 1;
            if (!_periodic[d])
            {
                lo = n == 0 ? 0 : _fractional.Min(f => f[d]);
                double hi = n == 0 ? 0 : _fractional.Max(f => f[d]);
                span = Math.Max(hi - lo, 1e-9) * (1 + 1e-9);
            }
            double extent = span * height; // Angstrom across the binned range
            _bins[d] = Math.Clamp((int)Math.Floor(extent / cutoff), 1, Math.Max(1, (int)Math.Cbrt(Math.Max(n, 1)) * 4));
            _origin[d] = lo;
            _binWidth[d] = span / _bins[d];
            double binHeight = extent / _bins[d];
            Reach[d] = _periodic[d] ? (int)Math.Ceiling(cutoff / binHeight) : Math.Min((int)Math.Ceiling(cutoff / binHeight), _bins[d] - 1);
        }
        // Counting sort of atoms into bins.
        int total = _bins[0] * _bins[1] * _bins[2];
        _binStart = new int[total + 1];
        var binOf = new int[n];
        Span<int> b = stackalloc int[3];
        for (int i = 0; i < n; i++) { BinOf(i, b); binOf[i] = Flat(b); _binStart[binOf[i] + 1]++; }
        for (int k = 0; k < total; k++) _binStart[k + 1] += _binStart[k];
        _binAtoms = new int[n];
        var fill = (int[])_binStart.Clone();
        for (int i = 0; i < n; i++) _binAtoms[fill[binOf[i]]++] = i;
    }

    public static CellGrid Create(Structure s, double cutoff) => new(s, cutoff);

    private double Wrap(double f, int d) => _periodic[d] ? f - Math.Floor(f) : f;

    private int Flat(ReadOnlySpan<int> b) => (b[0] * _bins[1] + b[1]) * _bins[2] + b[2];

    public void BinOf(int atom, Span<int> bin)
    {
        var f = _fractional[atom];
        for (int d = 0; d < 3; d++)
            bin[d] = Math.Clamp((int)Math.Floor((f[d] - _origin[d]) / _binWidth[d]), 0, _bins[d] - 1);
    }

    /// <summary>Bin at offset (o0, o1, o2) from <paramref name="bin"/>, with its periodic image shift;
    /// false when the offset leaves an open direction.</summary>
    public bool Resolve(ReadOnlySpan<int> bin, int o0, int o1, int o2, Span<int> other, Span<int> shift)
    {
        ReadOnlySpan<int> offsets = [o0, o1, o2];
        for (int d = 0; d < 3; d++)
        {
            int t = bin[d] + offsets[d];
            if (_periodic[d])
            {
                int q = (int)Math.Floor((double)t / _bins[d]);
                shift[d] = q;
                other[d] = t - q * _bins[d];
            }
            else
            {
                if (t < 0 || t >= _bins[d]) return false;
                shift[d] = 0;
                other[d] = t;
            }
        }
        return true;
    }

    public Vec3 ImageOffset(ReadOnlySpan<int> shift) => new Vec3(shift[0], shift[1], shift[2]) * _cell;

    public ReadOnlySpan<int> AtomsIn(ReadOnlySpan<int> bin)
    {
        int k = Flat(bin);
        return _binAtoms.AsSpan(_binStart[k], _binStart[k + 1] - _binStart[k]);
    }
}
