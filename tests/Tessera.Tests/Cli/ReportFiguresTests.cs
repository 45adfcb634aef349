using System.Xml.Linq;
using Tessera.Cli;
using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Tests.FragmentNetworks;
using Tessera.Tests.IO;

namespace Tessera.Tests.Cli;

/// <summary>Report plots' common ranges (<see cref="ReportRanges"/>) and their SVG figures (<see cref="SvgPlot"/>): two
/// compared models' plots of one kind share both axes, and each figure is XML with the title, the axis labels with their
/// units, tick labels, one marker per point and a legend.</summary>
[Collection(ConsoleCollection.Name)]
public class ReportFiguresTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Plots_of_one_kind_share_the_span_of_all_their_data()
    {
        var a = new ReportPlot("m0-parity", "p", "reference (kcal/mol)", "predicted (kcal/mol)", [-1, 2], [new("predicted", [-3, 2], false, true)], EqualAxes: true);
        var b = new ReportPlot("m1-parity", "p", "reference (kcal/mol)", "predicted (kcal/mol)", [0, 5], [new("predicted", [0, 4], false, true)], EqualAxes: true);
        var h = new ReportPlot("m0-hist", "h", "error (kcal/mol)", "fragments (count)", [-1, 1], [new("rank 0", [2, 7], true, false, Step: true)]);
        var ranged = ReportRanges.Common([a, b, h], id => id[(id.IndexOf('-') + 1)..]);
        Assert.Equal(ranged[0].XRange, ranged[1].XRange);
        Assert.Equal(ranged[0].YRange, ranged[1].YRange);
        Assert.Equal(ranged[0].XRange, ranged[0].YRange); // a parity plot: one range on both axes
        var r = ranged[0].XRange!.Value;
        Assert.Equal(-3 - 0.4, r.Min, 12); // span -3..5, padded by 5 % of 8 on each side
        Assert.Equal(5 + 0.4, r.Max, 12);
        var (hx, hy) = (ranged[2].XRange!.Value, ranged[2].YRange!.Value);
        Assert.Equal((0.0, 7.25), (hy.Min, Math.Round(hy.Max, 12))); // counts start at zero
        Assert.Equal((-1.1, 1.1), (Math.Round(hx.Min, 12), Math.Round(hx.Max, 12)));
    }

    [Fact]
    public void A_figure_has_title_labels_ticks_every_point_and_a_legend()
    {
        var plot = ReportPlots.Scatter("m0-parity", "Fragment parity", "reference (kcal/mol)", "predicted (kcal/mol)",
                                       [(0.0, 0.1), (1.0, 0.9), (2.0, double.NaN), (3.0, 3.2)], diagonal: true);
        var svg = XDocument.Parse(SvgPlot.Render(plot));
        Check(svg, plot);
        Assert.Equal(3, Circles(svg, 0)); // the NaN point is not drawn
    }

    [Fact]
    public void Two_models_share_every_plot_kind_s_ranges_and_each_figure_draws_the_evaluation_s_points()
    {
        using var t = new TempDir();
        var data = t.File("data.extxyz");
        var settings = ToyDeltaData.WriteSmall(data);
        Assert.Equal(0, TrainCommand.Run(data, t.File("a.json"), settings.ToString(), null, FragmentTrainingSettings.Create(hidden: [8], ensemble: 2, epochs: 8), null));
        Assert.Equal(0, TrainCommand.Run(data, t.File("b.json"), settings.ToString(), null, FragmentTrainingSettings.Create(hidden: [3], ensemble: 2, epochs: 4, seed: 5), null));
        var test = StructureFile.Read(t.File("a.test.extxyz")).ToList();
        var evals = new[] { "a.json", "b.json" }.Select(m => EvaluateCommand.Evaluate(t.File(m), test, null, null, "energy_high", null, default)).ToList();
        var plots = EvaluationReportHtml.Plots(evals);
        var kinds = plots.Where(p => p.Id.StartsWith("m0-", StringComparison.Ordinal)).Select(p => p.Id[3..]).ToList();
        Assert.Superset(new HashSet<string> { "parity", "hist", "spread", "learn" }, kinds.ToHashSet());
        foreach (var kind in kinds)
        {
            var (a, b) = (plots.Single(p => p.Id == "m0-" + kind), plots.Single(p => p.Id == "m1-" + kind));
            Assert.Equal(a.XRange, b.XRange);
            Assert.Equal(a.YRange, b.YRange);
            if (kind == "hist") Assert.Equal(a.X, b.X); // and the histograms their bins
            foreach (var p in new[] { a, b }) InRange(p);
        }
        Assert.NotEqual(evals[0].Fragments!.All.Mae, evals[1].Fragments!.All.Mae);

        string figures = EvaluationReportHtml.Write(t.File("report.html"), evals);
        Assert.Equal(t.File("report-figures"), figures);
        Assert.Equal(plots.Select(p => p.Id + ".svg").Order(), Directory.GetFiles(figures).Select(Path.GetFileName).Order()!);
        foreach (var p in plots) Check(XDocument.Load(Path.Combine(figures, p.Id + ".svg")), p);
        var parity = XDocument.Load(Path.Combine(figures, "m0-parity.svg"));
        Assert.Equal(evals[0].Fragments!.Points.Count, Circles(parity, 0));
        Assert.Contains("\"x_range\":{\"min\":", File.ReadAllText(t.File("report.html")));
        // A later report with one model fewer leaves no figure of the other behind.
        EvaluationReportHtml.Write(t.File("report.html"), [evals[0]]);
        Assert.DoesNotContain(Directory.GetFiles(figures), f => Path.GetFileName(f).StartsWith("m1-", StringComparison.Ordinal));
    }

    /// <summary>The figure of <paramref name="plot"/>: its title, both axis labels (with their units), at least three tick
    /// labels per axis, one marker per point of each point series, and every series in the legend.</summary>
    internal static void Check(XDocument svg, ReportPlot plot)
    {
        var texts = svg.Descendants(Svg + "text").ToList();
        Assert.Equal(plot.Title, texts.Single(e => (string?)e.Attribute("class") == "title").Value);
        Assert.Equal(plot.XLabel, texts.Single(e => (string?)e.Attribute("class") == "x-label").Value);
        Assert.Equal(plot.YLabel, texts.Single(e => (string?)e.Attribute("class") == "y-label").Value);
        foreach (var label in new[] { plot.XLabel, plot.YLabel })
            Assert.Matches(@"\((count|kcal/mol|kcal/mol/A|meV/atom|meV/A)\)$|^epoch$|^truncation rank R$", label);
        Assert.True(texts.Count(e => (string?)e.Attribute("text-anchor") == "middle" && e.Attribute("class") is null) >= 3, $"{plot.Id}: x tick labels");
        Assert.True(texts.Count(e => (string?)e.Attribute("text-anchor") == "end") >= 3, $"{plot.Id}: y tick labels");
        var legend = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend").Value;
        for (int s = 0; s < plot.Series.Length; s++)
        {
            var series = plot.Series[s];
            if (series.Points) Assert.Equal(plot.X.Zip(series.Y).Count(p => p.First is not null && p.Second is not null), Circles(svg, s));
            if (series.Line) Assert.Single(SeriesGroup(svg, s).Elements(Svg + "path"));
            if (plot.Series.Length <= 19) Assert.Contains(series.Label, legend);
        }
    }

    internal static int Circles(XDocument svg, int series) => SeriesGroup(svg, series).Elements(Svg + "circle").Count();

    private static XElement SeriesGroup(XDocument svg, int series) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ElementAt(series);

    private static void InRange(ReportPlot p)
    {
        var (x, y) = (p.XRange!.Value, p.YRange!.Value);
        Assert.All(p.X.OfType<double>(), v => Assert.InRange(v, x.Min, x.Max));
        Assert.All(p.Series.SelectMany(s => s.Y).OfType<double>(), v => Assert.InRange(v, y.Min, y.Max));
    }
}
