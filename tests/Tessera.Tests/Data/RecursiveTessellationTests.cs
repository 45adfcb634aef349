using Tessera.Data;

namespace Tessera.Tests.Data;

/// <summary>Recursive k-means: split until every cell is as tight as the target, cells partition the points, the
/// representative is the member nearest its centroid, well-separated clusters become one cell each, and it is reproducible.</summary>
public class RecursiveTessellationTests
{
    private static double[] Blobs(int perBlob, double spread, params double[][] centres)
    {
        var rng = new Random(5);
        int dim = centres[0].Length;
        var x = new double[centres.Length * perBlob * dim];
        for (int b = 0; b < centres.Length; b++)
            for (int i = 0; i < perBlob; i++)
                for (int d = 0; d < dim; d++) x[((b * perBlob) + i) * dim + d] = centres[b][d] + spread * (rng.NextDouble() - 0.5);
        return x;
    }

    private static double Distance(double[] x, int row, double[] c) =>
        Math.Sqrt(c.Select((v, d) => (x[row * c.Length + d] - v) * (x[row * c.Length + d] - v)).Sum());

    [Fact]
    public void Splitting_until_loose_no_more_leaves_cells_no_wider_than_the_target_that_partition_the_points()
    {
        var x = Blobs(40, 3.0, [0, 0, 0], [2, 1, 0], [-1, 3, 2]);
        var t = new RecursiveTessellation(x, 3, targetRadius: 0.6, seed: 2);
        Assert.True(t.Looseness > 1);
        int splits = 0;
        while (t.SplitLoosest()) splits++;
        Assert.Equal(splits + 1, t.Cells.Count);
        Assert.True(t.Looseness <= 1, $"looseness {t.Looseness}");
        Assert.All(t.Cells, c => Assert.True(c.Radius <= 0.6 || c.Members.Length == 1));
        Assert.Equal(Enumerable.Range(0, 120), t.Cells.SelectMany(c => c.Members).Order());
        foreach (var c in t.Cells)
        {
            Assert.All(c.Members, m => Assert.True(Distance(x, m, c.Centroid) <= c.Radius + 1e-12));
            Assert.Equal(c.Members.Min(m => Distance(x, m, c.Centroid)), Distance(x, c.Representative, c.Centroid));
        }
    }

    [Fact]
    public void Separated_clusters_tighter_than_the_target_become_one_cell_each()
    {
        var x = Blobs(25, 0.2, [0, 0], [10, 0], [0, 10], [10, 10]);
        var t = new RecursiveTessellation(x, 2, targetRadius: 0.5, seed: 1);
        while (t.SplitLoosest()) { }
        Assert.Equal(4, t.Cells.Count);
        Assert.All(t.Cells, c => Assert.Equal(25, c.Members.Length));
        Assert.All(t.Cells, c => Assert.Single(c.Members.Select(m => m / 25).Distinct()));
    }

    [Fact]
    public void The_same_seed_gives_the_same_cells_and_coincident_points_end_the_splitting()
    {
        var x = Blobs(50, 2.0, [0, 0, 0, 0]);
        RecursiveTessellation Run()
        {
            var t = new RecursiveTessellation(x, 4, 0.3, seed: 9);
            for (int i = 0; i < 12 && t.SplitLoosest(); i++) { }
            return t;
        }
        var (a, b) = (Run(), Run());
        Assert.Equal(a.Cells.Select(c => c.Members), b.Cells.Select(c => c.Members));
        Assert.Equal(a.Cells.Select(c => c.Representative), b.Cells.Select(c => c.Representative));
        var same = new RecursiveTessellation(Enumerable.Repeat(1.5, 30).ToArray(), 3, 0.1, seed: 1);
        Assert.False(same.SplitLoosest());
        Assert.Single(same.Cells);
    }
}
