namespace Tessera.Descriptors;

/// <summary>n2p2's scaling of symmetry functions before they enter the network (input.nn keywords:
/// none; scale_symmetry_functions; center_symmetry_functions; both; scale_symmetry_functions_sigma).</summary>
public enum ScalingMode { None, Scale, Center, ScaleCenter, Sigma }

/// <summary>Statistics of one symmetry function over a data set (raw values), as scaling.data stores them.</summary>
public readonly record struct ScalingStatistics(double Min, double Max, double Mean, double Sigma);

/// <summary>Maps a raw value G to the network input: none G; scale S_min + s (G - G_min) with
/// s = (S_max - S_min)/(G_max - G_min); center G - G_mean; scale+center S_min + s (G - G_mean);
/// sigma S_min + (S_max - S_min)/sigma (G - G_mean). Factor is d(input)/dG.</summary>
public readonly struct SymmetryFunctionScaling
{
    public ScalingStatistics Statistics { get; }
    public double Factor { get; }
    private readonly double _offset, _reference;

    public SymmetryFunctionScaling(ScalingMode mode, ScalingStatistics stats, double scaleMin, double scaleMax)
    {
        Statistics = stats;
        (Factor, _reference, _offset) = mode switch
        {
            ScalingMode.None => (1.0, 0.0, 0.0),
            ScalingMode.Scale => ((scaleMax - scaleMin) / (stats.Max - stats.Min), stats.Min, scaleMin),
            ScalingMode.Center => (1.0, stats.Mean, 0.0),
            ScalingMode.ScaleCenter => ((scaleMax - scaleMin) / (stats.Max - stats.Min), stats.Mean, scaleMin),
            _ => ((scaleMax - scaleMin) / stats.Sigma, stats.Mean, scaleMin),
        };
    }

    public double Apply(double g) => _offset + Factor * (g - _reference);

    /// <summary>n2p2's allowance at the bounds, 1000 * DBL_EPSILON (.NET's double.Epsilon is the smallest subnormal,
    /// not DBL_EPSILON): values that differ from G_min or G_max only by rounding are not extrapolation.</summary>
    public const double BoundTolerance = 1000 * 2.220446049250313e-16;

    /// <summary>True when G lies outside the range seen in the data by more than the tolerance (n2p2's extrapolation
    /// warning). The tolerance is <see cref="BoundTolerance"/>, as n2p2, for bounds up to 1 in magnitude and relative
    /// beyond: there n2p2's absolute allowance is a few ulps, which a different summation order alone exceeds
    /// (Anisole's largest angular bound, 150, is crossed by 4e-13).</summary>
    public bool IsExtrapolation(double g) => g < Statistics.Min - Allowance(Statistics.Min) || g > Statistics.Max + Allowance(Statistics.Max);

    private static double Allowance(double bound) => BoundTolerance * Math.Max(1.0, Math.Abs(bound));
}
