namespace Tessera.Data;

/// <summary>A k-means tessellation of one fragment type's descriptor space: feature scaling, centroids,
/// each cell's radius, and the pool members nearest the centroids (the ones to label). Saved with the
/// data set; later the distance to the nearest centroid, in units of that cell's radius, flags
/// fragments outside the training distribution.</summary>
public sealed record Tessellation(string TypeKey, int Dimension, double[] Mean, double[] Scale, double[] Centroids,
                                  double[] Radii, int[] Selected, int PoolSize, int Seed)
{
    public int Cells => Radii.Length;

    /// <summary>Tessellates <paramref name="descriptors"/> (row-major, pool x dimension) into
    /// round(fraction * pool) cells and selects the member nearest each centroid.</summary>
    public static Tessellation Build(string typeKey, double[] descriptors, int dimension, double fraction, int seed,
                                     int miniBatchAbove = 20000)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), $"Fraction must be in (0, 1], got {fraction}.");
        int n = descriptors.Length / dimension;
        if (n == 0) throw new ArgumentException($"No fragments of type {typeKey} to tessellate.");
        int k = Math.Clamp((int)Math.Round(fraction * n), 1, n);
        var (mean, scale) = Standardisation(descriptors, dimension);
        var scaled = Standardise(descriptors, dimension, mean, scale);
        var settings = new KMeansSettings(k, seed, BatchSize: n > miniBatchAbove ? 4096 : 0, MaxIterations: n > miniBatchAbove ? 300 : 100);
        var fit = KMeans.Fit(scaled, dimension, settings);

        var radii = new double[k];
        var nearest = Enumerable.Repeat(-1, k).ToArray();
        var nearestD = Enumerable.Repeat(double.PositiveInfinity, k).ToArray();
        for (int i = 0; i < n; i++)
        {
            int c = fit.Assignment[i];
            double d = Math.Sqrt(KMeans.SquaredDistance(scaled.AsSpan(i * dimension, dimension), fit.Centroid(c)));
            radii[c] = Math.Max(radii[c], d);
            if (d < nearestD[c]) { nearestD[c] = d; nearest[c] = i; }
        }
        var selected = nearest.Where(i => i >= 0).Distinct().Order().ToArray();
        return new Tessellation(typeKey, dimension, mean, scale, fit.Centroids, radii, selected, n, seed);
    }

    /// <summary>A random selection of <paramref name="count"/> distinct pool members, the baseline a
    /// tessellation must beat.</summary>
    public static int[] RandomSelection(int poolSize, int count, int seed)
    {
        if (count > poolSize) throw new ArgumentException($"Cannot pick {count} of {poolSize}.");
        var rng = new Random(seed);
        var idx = Enumerable.Range(0, poolSize).ToArray();
        rng.Shuffle(idx);
        return idx.Take(count).Order().ToArray();
    }

    /// <summary>Nearest cell of an unscaled descriptor, the distance to its centroid in scaled units, and that distance over
    /// the cell's size (above 1: outside every training cell seen). A cell's size is its radius, but at least
    /// <paramref name="minimumSize"/> (for example <see cref="MedianRadius"/>: a cell of one pool member has radius 0 and
    /// would call its own neighbourhood outside).</summary>
    public (int Cell, double Distance, double RelativeDistance) Locate(ReadOnlySpan<double> descriptor, double minimumSize = 0)
    {
        if (descriptor.Length != Dimension) throw new ArgumentException($"Descriptor has {descriptor.Length} features, tessellation {Dimension}.");
        Span<double> x = Dimension <= 256 ? stackalloc double[Dimension] : new double[Dimension];
        for (int d = 0; d < Dimension; d++) x[d] = (descriptor[d] - Mean[d]) / Scale[d];
        var (c, d2) = KMeans.Nearest(x, Centroids, Dimension);
        double dist = Math.Sqrt(d2), size = Math.Max(Radii[c], minimumSize);
        return (c, dist, size > 0 ? dist / size : (dist > 0 ? double.PositiveInfinity : 0));
    }

    /// <summary>The median cell radius (scaled units).</summary>
    public double MedianRadius() => Radii.Length == 0 ? 0 : Radii.Order().ElementAt((Radii.Length - 1) / 2);

    private static (double[] Mean, double[] Scale) Standardisation(double[] x, int dim)
    {
        int n = x.Length / dim;
        var mean = new double[dim];
        var scale = new double[dim];
        for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) mean[d] += x[i * dim + d] / n;
        for (int i = 0; i < n; i++) for (int d = 0; d < dim; d++) { double u = x[i * dim + d] - mean[d]; scale[d] += u * u / n; }
        // A constant feature keeps scale 1 so it neither divides by zero nor dominates.
        for (int d = 0; d < dim; d++) scale[d] = scale[d] > 1e-24 ? Math.Sqrt(scale[d]) : 1.0;
        return (mean, scale);
    }

    private static double[] Standardise(double[] x, int dim, double[] mean, double[] scale)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = (x[i] - mean[i % dim]) / scale[i % dim];
        return y;
    }
}
