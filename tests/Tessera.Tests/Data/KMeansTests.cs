using Tessera.Data;

namespace Tessera.Tests.Data;

public class KMeansTests
{
    private static readonly double[][] Centres = [[0, 0, 0], [10, 0, 0], [0, 10, 5], [-8, -8, 8]];

    private static double[] Blobs(int perCluster, double sigma, int seed, out int[] truth)
    {
        var rng = new Random(seed);
        var x = new List<double>();
        var t = new List<int>();
        for (int i = 0; i < perCluster; i++)
            for (int c = 0; c < Centres.Length; c++)
            {
                foreach (var m in Centres[c]) x.Add(m + sigma * Gaussian(rng));
                t.Add(c);
            }
        truth = [.. t];
        return [.. x];
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Theory]
    [InlineData(0)]     // Lloyd
    [InlineData(64)]    // mini-batch
    public void Recovers_known_clusters(int batch)
    {
        var x = Blobs(200, 0.5, 1, out var truth);
        var fit = KMeans.Fit(x, 3, new KMeansSettings(4, Seed: 5, BatchSize: batch, MaxIterations: 200, Restarts: 3));
        foreach (var centre in Centres)
        {
            var (c, d2) = KMeans.Nearest(centre, fit.Centroids, 3);
            Assert.True(Math.Sqrt(d2) < 0.2, $"centre {string.Join(",", centre)} recovered only to {Math.Sqrt(d2):F3}");
        }
        // Points of one true cluster share one label.
        for (int c = 0; c < Centres.Length; c++)
            Assert.Single(Enumerable.Range(0, truth.Length).Where(i => truth[i] == c).Select(i => fit.Assignment[i]).Distinct());
    }

    [Fact]
    public void Same_seed_gives_same_result_and_another_seed_may_differ()
    {
        var x = Blobs(100, 3.0, 2, out _);
        var a = KMeans.Fit(x, 3, new KMeansSettings(12, Seed: 9, BatchSize: 32));
        var b = KMeans.Fit(x, 3, new KMeansSettings(12, Seed: 9, BatchSize: 32));
        Assert.Equal(a.Centroids, b.Centroids);
        Assert.Equal(a.Assignment, b.Assignment);
        var c = KMeans.Fit(x, 3, new KMeansSettings(12, Seed: 10, BatchSize: 32));
        Assert.NotEqual(a.Centroids, c.Centroids);
    }

    [Fact]
    public void Tessellation_selects_the_requested_fraction_nearest_the_centroids_reproducibly()
    {
        var x = Blobs(250, 1.0, 3, out _);
        var t1 = Tessellation.Build("toy", x, 3, 0.1, seed: 4);
        var t2 = Tessellation.Build("toy", x, 3, 0.1, seed: 4);
        Assert.Equal(t1.Selected, t2.Selected);
        Assert.InRange(t1.Selected.Length, 90, 100);  // 10% of 1000, less only if two cells share a member
        // Each selected member is the pool member nearest its own centroid.
        foreach (int i in t1.Selected)
        {
            var (cell, dist, rel) = t1.Locate(x.AsSpan(i * 3, 3));
            Assert.True(rel <= 1.0 + 1e-12);
            for (int j = 0; j < 1000; j++)
                Assert.True(t1.Locate(x.AsSpan(j * 3, 3)) is var l && (l.Cell != cell || l.Distance >= dist - 1e-12));
        }
        // A point far away is flagged as outside the tessellation.
        Assert.True(t1.Locate([100.0, 100.0, 100.0]).RelativeDistance > 5);
    }

    [Fact]
    public void Random_selection_is_reproducible_and_distinct()
    {
        var a = Tessellation.RandomSelection(500, 50, 1);
        Assert.Equal(a, Tessellation.RandomSelection(500, 50, 1));
        Assert.Equal(50, a.Distinct().Count());
    }

    [Fact]
    public void Bad_settings_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => KMeans.Fit(new double[6], 3, new KMeansSettings(3)));
        Assert.Throws<ArgumentException>(() => KMeans.Fit(new double[7], 3, new KMeansSettings(1)));
    }
}
