using Tessera.Core;

namespace Tessera.Tests.Core;

public class NeighbourListTests
{
    public static TheoryData<int, double, bool, bool, bool> Boxes => new()
    {
        { 1, 3.0, true, true, true },    // cutoff smaller than the cell
        { 2, 6.5, true, true, true },    // cutoff larger than the cell: several images
        { 3, 4.0, true, false, true },   // mixed periodicity
        { 4, 5.0, false, false, false }, // open
        { 5, 2.5, true, true, false },
        { 6, 9.0, true, true, true },
    };

    [Theory]
    [MemberData(nameof(Boxes))]
    public void Cell_lists_equal_brute_force_on_random_triclinic_boxes(int seed, double cutoff, bool pa, bool pb, bool pc)
    {
        var rng = new Random(seed);
        var cell = new Mat3(
            new(5 + rng.NextDouble(), 0, 0),
            new(rng.NextDouble() * 2 - 1, 5.5 + rng.NextDouble(), 0),
            new(rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1, 6 + rng.NextDouble()));
        int n = 40 + rng.Next(30);
        var pos = new Vec3[n];
        // Some atoms outside the cell: wrapping must handle them.
        for (int i = 0; i < n; i++) pos[i] = new Vec3(rng.NextDouble() * 1.4 - 0.2, rng.NextDouble() * 1.4 - 0.2, rng.NextDouble() * 1.4 - 0.2) * cell;
        var s = new Structure(Enumerable.Repeat(8, n).ToArray(), pos, cell, [pa, pb, pc]);

        var nl = NeighbourList.Build(s, cutoff);
        var expected = BruteForce(s, cutoff);
        for (int i = 0; i < n; i++)
        {
            var got = new List<(int, long, long, long)>();
            var js = nl.NeighboursOf(i);
            var ds = nl.DisplacementsOf(i);
            var rs = nl.DistancesOf(i);
            for (int k = 0; k < js.Length; k++)
            {
                Assert.Equal(ds[k].Length, rs[k], 12);
                got.Add(Key(js[k], ds[k]));
            }
            got.Sort();
            Assert.Equal(expected[i], got);
        }
        Assert.True(nl.PairCount > 0);
    }

    [Fact]
    public void Open_cluster_has_symmetric_pairs_and_no_self()
    {
        var s = TestStructures.RandomPositions(200, 12, seed: 7);
        var nl = NeighbourList.Build(s, 3.0);
        var expected = BruteForce(s, 3.0);
        for (int i = 0; i < s.Count; i++) Assert.Equal(expected[i].Count, nl.NeighboursOf(i).Length);
        Assert.Equal(expected.Sum(e => e.Count), nl.PairCount);
    }

    /// <summary>A periodic liquid-like box and its 2x2x2 replica: 8 times the pairs and 8 times the memory (no part
    /// grows faster than the atoms), and about the list's own size allocated (int + Vec3 + double = 36 bytes per pair)
    /// rather than the 3.5 times that growing by doubling and copying used.</summary>
    [Fact]
    public void Periodic_list_is_linear_and_allocates_about_its_size()
    {
        var rng = new Random(11);
        double side = Math.Cbrt(500 / 0.1); // 500 atoms at 0.1 per cubic Angstrom, as water
        var pos = Enumerable.Range(0, 500).Select(_ => new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()) * side).ToArray();
        var box = new Structure(Enumerable.Repeat(8, 500).ToArray(), pos, Mat3.Diagonal(side, side, side), [true, true, true]);
        var big = new List<Vec3>();
        for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) for (int c = 0; c < 2; c++) big.AddRange(pos.Select(p => p + new Vec3(a, b, c) * side));
        var replica = new Structure(Enumerable.Repeat(8, 4000).ToArray(), [.. big], Mat3.Diagonal(2 * side, 2 * side, 2 * side), [true, true, true]);
        NeighbourList.Build(box, 6.0); // JIT
        (NeighbourList List, long Bytes) Built(Structure s)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var nl = NeighbourList.Build(s, 6.0);
            return (nl, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        var (small, smallBytes) = Built(box);
        var (large, largeBytes) = Built(replica);
        Assert.Equal(8 * small.PairCount, large.PairCount);
        Assert.InRange((double)largeBytes / smallBytes, 7.5, 8.5);
        Assert.True(largeBytes < 60.0 * large.PairCount, $"{largeBytes} bytes for {large.PairCount} pairs");
    }

    [Fact]
    public void Invalid_cutoff_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NeighbourList.Build(TestStructures.WaterDimer(), 0));

    // Displacements rounded to identify a neighbour image independently of float noise.
    private static (int, long, long, long) Key(int j, Vec3 d) =>
        (j, (long)Math.Round(d.X * 1e6), (long)Math.Round(d.Y * 1e6), (long)Math.Round(d.Z * 1e6));

    private static List<(int, long, long, long)>[] BruteForce(Structure s, double cutoff)
    {
        int n = s.Count;
        var result = new List<(int, long, long, long)>[n];
        int[] range = new int[3];
        var cell = s.Cell ?? Mat3.Identity;
        double volume = Math.Abs(cell.Determinant);
        for (int d = 0; d < 3; d++)
        {
            double h = volume / Vec3.Cross(cell[(d + 1) % 3], cell[(d + 2) % 3]).Length;
            range[d] = s.Pbc[d] ? (int)Math.Ceiling(cutoff / h) + 1 : 0;
        }
        var inv = cell.Inverse();
        // Wrap into the cell along periodic directions, as ASE's neighbour list reports displacements.
        var wrapped = s.Positions.Select(r =>
        {
            var f = r * inv;
            return new Vec3(s.Pbc[0] ? f.X - Math.Floor(f.X) : f.X, s.Pbc[1] ? f.Y - Math.Floor(f.Y) : f.Y,
                            s.Pbc[2] ? f.Z - Math.Floor(f.Z) : f.Z) * cell;
        }).ToArray();
        for (int i = 0; i < n; i++)
        {
            result[i] = [];
            for (int j = 0; j < n; j++)
                for (int a = -range[0]; a <= range[0]; a++)
                for (int b = -range[1]; b <= range[1]; b++)
                for (int c = -range[2]; c <= range[2]; c++)
                {
                    if (i == j && a == 0 && b == 0 && c == 0) continue;
                    var d = wrapped[j] + new Vec3(a, b, c) * cell - wrapped[i];
                    if (d.Length < cutoff) result[i].Add(Key(j, d));
                }
            result[i].Sort();
        }
        return result;
    }
}
