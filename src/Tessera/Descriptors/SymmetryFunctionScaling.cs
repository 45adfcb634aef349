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

    /// <summary>True when G lies outside the range seen in the data (n2p2's extrapolation warning).</summary>
    public bool IsExtrapolation(double g) => g < Statistics.Min || g > Statistics.Max;
}
