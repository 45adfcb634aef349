namespace Tessera.Data;

/// <summary>One cell of a <see cref="RecursiveTessellation"/>: its members (rows of the points it was built from), centroid,
/// radius (largest member distance from the centroid) and the member nearest the centroid, the one to label.</summary>
public sealed record RecursiveCell(int[] Members, double[] Centroid, double Radius, int Representative);

/// <summary>Recursive k-means of one slice of points (standardised already, in the units of a reference tessellation, so that
/// radii compare): the slice starts as one cell, and <see cref="SplitLoosest"/> cuts the loosest cell (largest radius over
/// the target radius) in two by 2-means. Splitting until <see cref="Looseness"/> is at most 1 makes every cell as tight as
/// the target (for transfer: the median cell of the small system's tessellation), so the new region is sampled as densely
/// as the old one was; a caller with a labelling budget stops earlier, and the cells left are then the loosest ones.
/// Deterministic for a given seed.</summary>
public sealed class RecursiveTessellation
{
    private readonly double[] _points;
    private readonly int _dimension;
    private readonly double _target;
    private readonly int _seed;
    private readonly List<RecursiveCell> _cells = [];
    private readonly HashSet<RecursiveCell> _unsplittable = [];
    private int _splits;

    public RecursiveTessellation(double[] points, int dimension, double targetRadius, int seed)
    {
        if (dimension < 1 || points.Length == 0 || points.Length % dimension != 0)
            throw new ArgumentException("A recursive tessellation needs a non-empty point array whose length is a multiple of the dimension.");
        if (!(targetRadius > 0)) throw new ArgumentException($"The target cell radius must be positive, got {targetRadius}.");
        (_points, _dimension, _target, _seed) = (points, dimension, targetRadius, seed);
        _cells.Add(CellOf(Enumerable.Range(0, points.Length / dimension).ToArray()));
    }

    public IReadOnlyList<RecursiveCell> Cells => _cells;

    /// <summary>The largest radius over the target among the cells that can still be split (0 when none can).</summary>
    public double Looseness => Loosest() is { } c ? c.Radius / _target : 0;

    /// <summary>Splits the loosest cell in two; false when no cell is looser than the target or can be split.</summary>
    public bool SplitLoosest()
    {
        while (Loosest() is { } cell && cell.Radius > _target)
        {
            var sub = new double[cell.Members.Length * _dimension];
            for (int i = 0; i < cell.Members.Length; i++)
                _points.AsSpan(cell.Members[i] * _dimension, _dimension).CopyTo(sub.AsSpan(i * _dimension, _dimension));
            var fit = KMeans.Fit(sub, _dimension, new KMeansSettings(2, unchecked(_seed * 7919 + _splits)));
            var halves = Enumerable.Range(0, 2).Select(k => cell.Members.Where((_, i) => fit.Assignment[i] == k).ToArray()).ToArray();
            if (halves.Any(h => h.Length == 0)) { _unsplittable.Add(cell); continue; } // coincident points: no cut separates them
            _splits++;
            int at = _cells.IndexOf(cell);
            _cells[at] = CellOf(halves[0]);
            _cells.Insert(at + 1, CellOf(halves[1]));
            return true;
        }
        return false;
    }

    private RecursiveCell? Loosest()
    {
        RecursiveCell? worst = null;
        foreach (var c in _cells)
            if (c.Members.Length > 1 && !_unsplittable.Contains(c) && (worst is null || c.Radius > worst.Radius)) worst = c;
        return worst;
    }

    private RecursiveCell CellOf(int[] members)
    {
        var centroid = new double[_dimension];
        foreach (int m in members)
            for (int d = 0; d < _dimension; d++) centroid[d] += _points[m * _dimension + d] / members.Length;
        double radius = 0, nearest = double.PositiveInfinity;
        int representative = members[0];
        foreach (int m in members)
        {
            double r = Math.Sqrt(KMeans.SquaredDistance(_points.AsSpan(m * _dimension, _dimension), centroid));
            radius = Math.Max(radius, r);
            if (r < nearest) { nearest = r; representative = m; }
        }
        return new RecursiveCell(members, centroid, radius, representative);
    }
}
