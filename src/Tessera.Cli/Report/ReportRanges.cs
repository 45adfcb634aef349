namespace Tessera.Cli;

/// <summary>Axis ranges of report plots, computed here rather than by the page's script so that the HTML page and the
/// SVG figures show the same axes, and so that two models' plots of one kind (parity, histogram, learning curve, ...)
/// share them and can be compared by eye.</summary>
public static class ReportRanges
{
    /// <summary>Fraction of the data's span added on each side, so that no point sits on the frame.</summary>
    private const double Pad = 0.05;

    /// <summary>Every plot with its ranges set: over all plots of one kind (<paramref name="kindOf"/> of the id), the span
    /// of their data, padded; one span for both axes of an <see cref="ReportPlot.EqualAxes"/> kind.</summary>
    public static List<ReportPlot> Common(IReadOnlyList<ReportPlot> plots, Func<string, string> kindOf)
    {
        var spans = new Dictionary<string, (Extent X, Extent Y, bool Equal)>(StringComparer.Ordinal);
        foreach (var p in plots)
        {
            string kind = kindOf(p.Id);
            var (x, y, equal) = spans.GetValueOrDefault(kind, (Extent.Empty, Extent.Empty, false));
            spans[kind] = (x.With(p.X), y.With(p.Series), equal || p.EqualAxes);
        }
        var result = new List<ReportPlot>(plots.Count);
        foreach (var p in plots)
        {
            var (x, y, equal) = spans[kindOf(p.Id)];
            if (equal) x = y = x.With(y);
            result.Add(p with { XRange = x.Padded(), YRange = y.Padded() });
        }
        return result;
    }

    /// <summary>The plot with ranges fitted to its own data where it has none.</summary>
    public static ReportPlot Fit(ReportPlot p) => p.XRange is not null && p.YRange is not null ? p : Common([p], id => id)[0];

    /// <summary>Smallest and largest finite value seen.</summary>
    private readonly record struct Extent(double Min, double Max)
    {
        public static readonly Extent Empty = new(double.PositiveInfinity, double.NegativeInfinity);

        public Extent With(double?[] values)
        {
            double min = Min, max = Max;
            foreach (var v in values)
                if (v is double d && double.IsFinite(d)) { min = Math.Min(min, d); max = Math.Max(max, d); }
            return new Extent(min, max);
        }

        public Extent With(ReportSeries[] series)
        {
            var e = this;
            foreach (var s in series) e = e.With(s.Y);
            return e;
        }

        public Extent With(Extent o) => new(Math.Min(Min, o.Min), Math.Max(Max, o.Max));

        /// <summary>Padded on both sides, except that data that is never negative (counts, errors, spreads, epochs) starts
        /// at zero, which it reads against; a unit wide around a single value, and [0, 1] with no data.</summary>
        public AxisRange Padded()
        {
            if (Min > Max) return new AxisRange(0, 1);
            double pad = Max > Min ? Pad * (Max - Min) : Math.Max(0.5, Pad * Math.Abs(Min));
            return new AxisRange(Min >= 0 ? 0 : Min - pad, Max + pad);
        }
    }
}
