namespace Tessera.Cli;

/// <summary>Plot builders that both reports (evaluation and Behler-Parrinello training) use.</summary>
internal static class ReportPlots
{
    /// <summary>Most points one scatter plot draws: a parity plot of 10^5 force components says no more than one of
    /// 5000, and keeps the page and the figure small.</summary>
    public const int MaxPoints = 5000;

    /// <summary>A parity (<paramref name="diagonal"/>: with y = x and one range on both axes) or plain scatter plot of one
    /// point set, the series named by the y axis.</summary>
    public static ReportPlot Scatter(string id, string title, string x, string y, (double X, double Y)[] points, bool diagonal) =>
        Scatter(id, title, x, y, [(y, points)], diagonal);

    /// <summary>Several point sets, one series each, over one x (their points merged and sorted, as uPlot wants x): each
    /// series has a value only at its own points. Non-finite points are left out.</summary>
    public static ReportPlot Scatter(string id, string title, string x, string y, IReadOnlyList<(string Label, (double X, double Y)[] Points)> sets, bool diagonal)
    {
        var all = sets.SelectMany((s, k) => s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).Select(p => (p.X, p.Y, Set: k)))
                      .OrderBy(p => p.X).ToArray();
        var xs = new double?[all.Length];
        var ys = sets.Select(_ => new double?[all.Length]).ToArray();
        for (int i = 0; i < all.Length; i++) { xs[i] = all[i].X; ys[all[i].Set][i] = all[i].Y; }
        var series = sets.Select((s, k) => new ReportSeries(s.Label, ys[k], false, true)).ToList();
        if (diagonal) series.Add(new ReportSeries("y = x", (double?[])xs.Clone(), true, false));
        return new ReportPlot(id, title, x, y, xs, series.ToArray(), EqualAxes: diagonal);
    }

    /// <summary>At most <paramref name="max"/> evenly spaced points.</summary>
    public static (double, double)[] Thinned((double, double)[] points, int max = MaxPoints) =>
        points.Length <= max ? points : Enumerable.Range(0, max).Select(i => points[(int)((long)i * points.Length / max)]).ToArray();

    /// <summary>A value for a plot: null (no point) when not finite.</summary>
    public static double? N(double v) => double.IsFinite(v) ? v : null;
}
