using Tessera.Core;

namespace Tessera.Networks;

/// <summary>The one uncertainty of an ensemble prediction: the sample standard deviation over its K members,
/// sqrt(sum_k (x_k - mean)^2 / (K - 1)). Sample, not population (divide by K), because ensembles are small
/// (2 to 5 networks) and the population form understates the spread of so few draws by sqrt((K-1)/K), 30% for
/// K = 2. Zero for a single member. Atomic and fragment ensembles and their evaluation all use it.</summary>
public static class EnsembleSpread
{
    /// <summary>Sample standard deviation of the members' values (e.g. energies, eV).</summary>
    public static double Of(ReadOnlySpan<double> members)
    {
        int k = members.Length;
        if (k < 2) return 0;
        double mean = 0;
        foreach (double x in members) mean += x;
        mean /= k;
        double squares = 0;
        foreach (double x in members) squares += (x - mean) * (x - mean);
        return Math.Sqrt(squares / (k - 1));
    }

    /// <summary>The same for vectors (e.g. one atom's force, eV/A): sqrt(sum_k |v_k - mean|^2 / (K - 1)).</summary>
    public static double Of(ReadOnlySpan<Vec3> members)
    {
        int k = members.Length;
        if (k < 2) return 0;
        var mean = Vec3.Zero;
        foreach (var v in members) mean += v;
        mean /= k;
        double squares = 0;
        foreach (var v in members) squares += (v - mean).LengthSquared;
        return Math.Sqrt(squares / (k - 1));
    }
}
