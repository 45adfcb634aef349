namespace Tessera.Core;

/// <summary>Full neighbour list (each pair appears in both atoms' lists) within a cutoff, built with
/// cell lists in O(N). Works for open systems and for periodic triclinic cells of any shape,
/// including cells smaller than the cutoff (several images of one atom are then listed).
/// Stored in compressed rows: the neighbours of atom i are entries Start(i) .. Start(i+1)-1.</summary>
public sealed class NeighbourList
{
    private readonly int[] _start;
    private readonly int[] _index;
    private readonly Vec3[] _displacement;
    private readonly double[] _distance;

    public double Cutoff { get; }
    public int AtomCount => _start.Length - 1;
    public int PairCount => _start[^1];

    private NeighbourList(double cutoff, int[] start, int[] index, Vec3[] displacement, double[] distance)
    {
        Cutoff = cutoff; _start = start; _index = index; _displacement = displacement; _distance = distance;
    }

    /// <summary>Indices j of the neighbours of atom i (with repeats for distinct periodic images).</summary>
    public ReadOnlySpan<int> NeighboursOf(int i) => _index.AsSpan(_start[i], _start[i + 1] - _start[i]);
    /// <summary>Vectors r_j + image shift - r_i (Angstrom), aligned with <see cref="NeighboursOf"/>.</summary>
    public ReadOnlySpan<Vec3> DisplacementsOf(int i) => _displacement.AsSpan(_start[i], _start[i + 1] - _start[i]);
    /// <summary>Distances |r_ij| (Angstrom), aligned with <see cref="NeighboursOf"/>.</summary>
    public ReadOnlySpan<double> DistancesOf(int i) => _distance.AsSpan(_start[i], _start[i + 1] - _start[i]);

    public static NeighbourList Build(Structure s, double cutoff)
    {
        if (!(cutoff > 0) || double.IsInfinity(cutoff)) throw new ArgumentOutOfRangeException(nameof(cutoff), $"Cutoff must be positive and finite, got {cutoff}.");
        var grid = CellGrid.Create(s, cutoff);
        int n = s.Count;
        var start = new int[n + 1];
        int capacity = EstimatedPairs(s, cutoff);
        var index = new GrowableBuffer<int>(capacity);
        var disp = new GrowableBuffer<Vec3>(capacity);
        var dist = new GrowableBuffer<double>(capacity);
        double cut2 = cutoff * cutoff;
        Span<int> bin = stackalloc int[3];
        Span<int> other = stackalloc int[3];
        Span<int> shift = stackalloc int[3];
        for (int i = 0; i < n; i++)
        {
            start[i] = index.Count;
            grid.BinOf(i, bin);
            var ri = grid.Wrapped[i];
            for (int o0 = -grid.Reach[0]; o0 <= grid.Reach[0]; o0++)
            for (int o1 = -grid.Reach[1]; o1 <= grid.Reach[1]; o1++)
            for (int o2 = -grid.Reach[2]; o2 <= grid.Reach[2]; o2++)
            {
                if (!grid.Resolve(bin, o0, o1, o2, other, shift)) continue;
                var offset = grid.ImageOffset(shift);
                bool zeroShift = shift[0] == 0 && shift[1] == 0 && shift[2] == 0;
                foreach (int j in grid.AtomsIn(other))
                {
                    if (j == i && zeroShift) continue;
                    var d = grid.Wrapped[j] + offset - ri;
                    double r2 = d.LengthSquared;
                    if (r2 >= cut2) continue;
                    index.Add(j); disp.Add(d); dist.Add(Math.Sqrt(r2));
                }
            }
        }
        start[n] = index.Count;
        // The buffers themselves, not copies: with the estimate below they hold little beyond the pairs.
        return new NeighbourList(cutoff, start, index.Storage, disp.Storage, dist.Storage);
    }

    /// <summary>Room for the pairs: in a fully periodic cell N (N/V) 4/3 pi r_c^3 (uniform density) and a fifth more,
    /// so that a liquid or crystal fills its buffers without growing them (growing by doubling, then copying to the
    /// exact length, allocated 3.5 times the list for water); otherwise 16 per atom, grown as needed.</summary>
    private static int EstimatedPairs(Structure s, double cutoff)
    {
        int n = s.Count;
        if (s.Pbc is [true, true, true] && s.Cell is { } cell && Math.Abs(cell.Determinant) > 1e-12)
        {
            double pairs = 1.2 * n * (n / Math.Abs(cell.Determinant)) * 4.0 / 3.0 * Math.PI * cutoff * cutoff * cutoff + 16;
            return (int)Math.Min(pairs, Array.MaxLength / 2);
        }
        return n * 16;
    }
}
