using System.Numerics.Tensors;

namespace Tessera.Data;

/// <summary>How to cluster: k, seed, and full Lloyd iterations (BatchSize = 0) or mini-batch
/// k-means (Sculley 2010) with the given batch size.</summary>
public sealed record KMeansSettings(int Clusters, int Seed = 0, int BatchSize = 0, int MaxIterations = 100,
                                    double Tolerance = 1e-6, int Restarts = 1)
{
    public KMeansSettings Validate(int points)
    {
        if (Clusters < 1) throw new ArgumentException($"k-means needs at least one cluster, got {Clusters}.");
        if (Clusters > points) throw new ArgumentException($"Cannot make {Clusters} clusters from {points} points.");
        if (BatchSize < 0 || MaxIterations < 1 || Restarts < 1) throw new ArgumentException("Batch size, iterations and restarts must be positive.");
        return this;
    }
}

/// <summary>Centroids (row-major, Clusters x Dimension), each point's cluster, and the summed squared distance.</summary>
public sealed record KMeansResult(double[] Centroids, int Dimension, int[] Assignment, double Inertia, int Iterations)
{
    public int Clusters => Centroids.Length / Dimension;
    public ReadOnlySpan<double> Centroid(int k) => Centroids.AsSpan(k * Dimension, Dimension);
}

/// <summary>k-means with k-means++ seeding; deterministic for a given seed. Points are rows of a
/// row-major array (n x dimension).</summary>
public static class KMeans
{
    public static KMeansResult Fit(double[] points, int dimension, KMeansSettings settings)
    {
        if (dimension < 1 || points.Length % dimension != 0) throw new ArgumentException("Point array length is not a multiple of the dimension.");
        int n = points.Length / dimension;
        settings.Validate(n);
        KMeansResult? best = null;
        for (int restart = 0; restart < settings.Restarts; restart++)
        {
            // Not HashCode.Combine: it is randomised per process, so the same seed clustered differently in each run.
            var rng = new Random(unchecked(settings.Seed * 1_000_003 + restart));
            var centroids = SeedPlusPlus(points, dimension, settings.Clusters, rng);
            int iterations = settings.BatchSize > 0
                ? MiniBatch(points, dimension, centroids, settings, rng)
                : Lloyd(points, dimension, centroids, settings);
            var assignment = new int[n];
            double inertia = Assign(points, dimension, centroids, assignment);
            if (best is null || inertia < best.Inertia) best = new KMeansResult(centroids, dimension, assignment, inertia, iterations);
        }
        return best!;
    }

    /// <summary>Index of the nearest centroid and the squared distance to it.</summary>
    public static (int Cluster, double SquaredDistance) Nearest(ReadOnlySpan<double> point, ReadOnlySpan<double> centroids, int dimension)
    {
        int best = -1; double bestD = double.PositiveInfinity;
        for (int k = 0, m = centroids.Length / dimension; k < m; k++)
        {
            double d = SquaredDistance(point, centroids.Slice(k * dimension, dimension));
            if (d < bestD) { bestD = d; best = k; }
        }
        return (best, bestD);
    }

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = TensorPrimitives.Distance(a, b);
        return d * d;
    }

    // k-means++: each new centre drawn with probability proportional to its squared distance to the nearest chosen one.
    private static double[] SeedPlusPlus(ReadOnlySpan<double> points, int dim, int k, Random rng)
    {
        int n = points.Length / dim;
        var centroids = new double[k * dim];
        var d2 = new double[n];
        points.Slice(rng.Next(n) * dim, dim).CopyTo(centroids.AsSpan(0, dim));
        for (int i = 0; i < n; i++) d2[i] = SquaredDistance(points.Slice(i * dim, dim), centroids.AsSpan(0, dim));
        for (int c = 1; c < k; c++)
        {
            double total = TensorPrimitives.Sum<double>(d2);
            int chosen = n - 1;
            if (total > 0)
            {
                double r = rng.NextDouble() * total, acc = 0;
                for (int i = 0; i < n; i++) { acc += d2[i]; if (acc >= r) { chosen = i; break; } }
            }
            else chosen = rng.Next(n); // all points coincide with centres: any choice is as good
            var centre = centroids.AsSpan(c * dim, dim);
            points.Slice(chosen * dim, dim).CopyTo(centre);
            for (int i = 0; i < n; i++) d2[i] = Math.Min(d2[i], SquaredDistance(points.Slice(i * dim, dim), centre));
        }
        return centroids;
    }

    private static int Lloyd(double[] points, int dim, double[] centroids, KMeansSettings s)
    {
        int n = points.Length / dim, k = centroids.Length / dim;
        var assignment = new int[n];
        var sums = new double[k * dim];
        var counts = new int[k];
        for (int it = 1; it <= s.MaxIterations; it++)
        {
            Assign(points, dim, centroids, assignment);
            Array.Clear(sums); Array.Clear(counts);
            for (int i = 0; i < n; i++)
            {
                counts[assignment[i]]++;
                TensorPrimitives.Add(sums.AsSpan(assignment[i] * dim, dim), points.AsSpan(i * dim, dim), sums.AsSpan(assignment[i] * dim, dim));
            }
            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0) continue; // an empty cluster keeps its centre
                var centre = centroids.AsSpan(c * dim, dim);
                var mean = sums.AsSpan(c * dim, dim);
                TensorPrimitives.Divide(mean, counts[c], mean);
                shift = Math.Max(shift, SquaredDistance(centre, mean));
                mean.CopyTo(centre);
            }
            if (shift <= s.Tolerance * s.Tolerance) return it;
        }
        return s.MaxIterations;
    }

    // Mini-batch k-means: per-centre learning rate 1/count, batches drawn with replacement.
    private static int MiniBatch(ReadOnlySpan<double> points, int dim, double[] centroids, KMeansSettings s, Random rng)
    {
        int n = points.Length / dim, k = centroids.Length / dim;
        var counts = new long[k];
        var batch = new int[Math.Min(s.BatchSize, n)];
        var nearest = new int[batch.Length];
        var previous = new double[centroids.Length];
        for (int it = 1; it <= s.MaxIterations; it++)
        {
            centroids.CopyTo(previous, 0);
            for (int b = 0; b < batch.Length; b++)
            {
                batch[b] = rng.Next(n);
                nearest[b] = Nearest(points.Slice(batch[b] * dim, dim), centroids, dim).Cluster;
            }
            for (int b = 0; b < batch.Length; b++)
            {
                int c = nearest[b];
                double eta = 1.0 / ++counts[c];
                var centre = centroids.AsSpan(c * dim, dim);
                var x = points.Slice(batch[b] * dim, dim);
                for (int d = 0; d < dim; d++) centre[d] += eta * (x[d] - centre[d]);
            }
            double shift = 0;
            for (int c = 0; c < k; c++) shift = Math.Max(shift, SquaredDistance(previous.AsSpan(c * dim, dim), centroids.AsSpan(c * dim, dim)));
            if (shift <= s.Tolerance * s.Tolerance) return it;
        }
        return s.MaxIterations;
    }

    // Parallel over chunks of points: the assignment step dominates the cost for large pools.
    private static double Assign(double[] points, int dim, double[] centroids, int[] assignment)
    {
        const int chunk = 256;
        int chunks = (assignment.Length + chunk - 1) / chunk;
        var partial = new double[chunks];
        Parallel.For(0, chunks, c =>
        {
            double sum = 0;
            for (int i = c * chunk, end = Math.Min(assignment.Length, i + chunk); i < end; i++)
            {
                var (cluster, d) = Nearest(points.AsSpan(i * dim, dim), centroids, dim);
                assignment[i] = cluster;
                sum += d;
            }
            partial[c] = sum;
        });
        return partial.Sum(); // summed in a fixed order: reproducible
    }
}
