using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.FragmentNetworks;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>One series of a report plot: y values over the plot's x (null: no point).</summary>
public sealed record ReportSeries(string Label, double?[] Y, bool Line, bool Points, bool Step = false);

/// <summary>One plot of the report: the data it draws, computed here so that the page's script only renders.</summary>
public sealed record ReportPlot(string Id, string Title, string XLabel, string YLabel, double?[] X, ReportSeries[] Series);

/// <summary>The self-contained HTML report of <c>tessera evaluate --html</c>: summary tables, parity plots, error
/// histograms per rank, learning curves, MAE against truncation rank and spread against error (every axis with its unit),
/// and each model's provenance, drawn by uPlot
/// (MIT licence, inlined with its licence text) so that the file opens offline.</summary>
public static class EvaluationReportHtml
{
    public static void Write(string path, IReadOnlyList<ModelEvaluation> results)
    {
        var plots = results.SelectMany((r, i) => Plots(r, $"m{i}")).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera fragment-network evaluation</title><style>")
            .Append(Resource("Tessera.Report.uPlot.css"))
            .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}" +
                    ".plots{display:flex;flex-wrap:wrap;gap:1em}</style></head><body><h1>Fragment-network evaluation</h1>");
        html.Append("<p>Energies in kcal/mol. MAE-MSE: MAE after removing the mean signed error.</p>");
        foreach (var (r, i) in results.Select((r, i) => (r, i)))
        {
            html.Append($"<h2>{Enc(r.Model)}</h2><p>{(r.Loaded.Delta ? "delta E_high - E_low" : "absolute energies")}, " +
                        $"{r.Loaded.Types.Count} fragment types x {r.Loaded.EnsembleSize} networks; fragmentation {Enc(r.Loaded.Fragmentation.ToString())}; " +
                        $"selection {Enc(r.Loaded.Provenance.GetValueOrDefault("selection_method", "?"))}</p>");
            AppendTables(html, r);
            html.Append("<div class=\"plots\">");
            foreach (var p in plots.Where(p => p.Id.StartsWith($"m{i}-", StringComparison.Ordinal))) html.Append($"<div class=\"plot\" id=\"{p.Id}\"></div>");
            html.Append("</div>");
            foreach (var n in r.Notes) html.Append($"<p>{Enc(n)}</p>");
            ReportProvenance.Append(html, r.Loaded);
        }
        html.Append("<script id=\"plot-data\" type=\"application/json\">")
            .Append(JsonSerializer.Serialize(plots.ToArray(), ReportJson.Default.ReportPlotArray).Replace("</", "<\\/"))
            .Append("</script><script>").Append(Resource("Tessera.Report.uPlot.js")).Append("</script><script>")
            .Append(Resource("Tessera.Report.report.js")).Append("</script><!-- uPlot licence:\n")
            .Append(Resource("Tessera.Report.uPlot.LICENSE").Replace("--", "- -")).Append("\n--></body></html>");
        AtomicFile.WriteAllText(path, html.ToString());
    }

    private static void AppendTables(StringBuilder html, ModelEvaluation r)
    {
        if (r.Fragments is { } f)
        {
            html.Append("<table><tr><th>rank</th><th>fragments</th><th>MAE</th><th>RMSE</th><th>mean signed</th></tr>");
            foreach (var (rank, s) in f.PerRank) html.Append($"<tr><td>{rank}</td><td>{s.Count}</td><td>{K(s.Mae)}</td><td>{K(s.Rmse)}</td><td>{K(s.MeanSignedError)}</td></tr>");
            html.Append($"<tr><th>all</th><td>{f.All.Count}</td><td>{K(f.All.Mae)}</td><td>{K(f.All.Rmse)}</td><td>{K(f.All.MeanSignedError)}</td></tr></table>");
            html.Append($"<p>Fragment corrections; Spearman(spread, |error|) = {K(f.SpreadErrorCorrelation)}</p>");
            if (f.Forces is { } forces)
            {
                html.Append("<table><tr><th>rank</th><th>force components</th><th>MAE</th><th>RMSE</th></tr>");
                foreach (var (rank, s) in forces.PerRank) html.Append($"<tr><td>{rank}</td><td>{s.Count}</td><td>{K(s.Mae)}</td><td>{K(s.Rmse)}</td></tr>");
                html.Append($"<tr><th>all</th><td>{forces.All.Count}</td><td>{K(forces.All.Mae)}</td><td>{K(forces.All.Rmse)}</td></tr></table>");
                html.Append("<p>Fragment forces, per Cartesian component, in kcal/mol/A.</p>");
            }
        }
        if (r.Structures.Count > 0)
        {
            html.Append("<table><tr><th>R</th><th>frames</th><th>MAE vs full</th><th>MAE-MSE vs full</th><th>RMSE vs full</th><th>MAE vs fragments</th><th>MAE-MSE vs fragments</th></tr>");
            foreach (var s in r.Structures)
                html.Append($"<tr><td>{s.Rank}</td><td>{s.Points.Count}</td><td>{K(s.VersusFull.Mae)}</td><td>{K(s.VersusFull.ShiftedMae)}</td><td>{K(s.VersusFull.Rmse)}</td>" +
                            $"<td>{K(s.VersusFragments.Mae)}</td><td>{K(s.VersusFragments.ShiftedMae)}</td></tr>");
            html.Append("</table><p>Total energies.</p>");
        }
    }

    /// <summary>Every plot of one model's evaluation, ids prefixed with <paramref name="prefix"/>.</summary>
    public static IEnumerable<ReportPlot> Plots(ModelEvaluation r, string prefix)
    {
        if (r.Fragments is { } f)
        {
            // Types differ by hundreds of kcal/mol; relative to each type's mean reference the scatter is readable.
            var typeMean = f.Points.GroupBy(p => p.Type).ToDictionary(g => g.Key, g => g.Average(p => p.Reference));
            yield return Scatter($"{prefix}-parity", "Fragment parity (relative to each type's mean reference)", "reference (kcal/mol)", "predicted (kcal/mol)",
                                 f.Points.Select(p => (p.Reference - typeMean[p.Type], p.Predicted - typeMean[p.Type])).ToArray(), diagonal: true);
            yield return Histograms($"{prefix}-hist", f);
            if (f.Forces is { } forces)
                yield return Scatter($"{prefix}-forces", "Fragment force parity (Cartesian components)", "reference force (kcal/mol/A)",
                                     "predicted force (kcal/mol/A)", Thinned(forces.Reference.Zip(forces.Predicted).ToArray()), diagonal: true);
            yield return Scatter($"{prefix}-spread", "Ensemble spread vs |error| (fragments)", "ensemble spread (kcal/mol)", "|error| (kcal/mol)",
                                 f.Points.Select(p => (p.Spread, Math.Abs(p.Predicted - p.Reference))).ToArray(), diagonal: false);
        }
        if (r.Loaded.Training is { } t) yield return LearningCurves($"{prefix}-learn", t);
        if (r.Structures.Count > 0)
        {
            var ranks = r.Structures.OrderBy(s => s.Rank).ToArray();
            yield return new ReportPlot($"{prefix}-rank", "Total-energy MAE vs truncation rank", "truncation rank R", "MAE (kcal/mol)", ranks.Select(s => (double?)s.Rank).ToArray(),
                [new("vs full high level", ranks.Select(s => N(s.VersusFull.Mae)).ToArray(), true, true),
                 new("vs ab initio fragments", ranks.Select(s => N(s.VersusFragments.Mae)).ToArray(), true, true)]);
            var top = ranks[^1];
            var pts = top.Points.Where(p => !double.IsNaN(p.FullReference)).ToArray();
            double mean = pts.Length > 0 ? pts.Average(p => p.FullReference) : 0;
            if (pts.Length > 0)
                yield return Scatter($"{prefix}-total", $"Total energy parity (R = {top.Rank}, relative to the mean reference)", "full high level (kcal/mol)",
                                     "model (kcal/mol)", pts.Select(p => (p.FullReference - mean, p.Predicted - mean)).ToArray(), diagonal: true);
        }
    }

    private static ReportPlot Scatter(string id, string title, string x, string y, (double X, double Y)[] points, bool diagonal)
    {
        var sorted = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray();
        var series = new List<ReportSeries> { new(y, sorted.Select(p => (double?)p.Y).ToArray(), false, true) };
        if (diagonal) series.Add(new ReportSeries("y = x", sorted.Select(p => (double?)p.X).ToArray(), true, false));
        return new ReportPlot(id, title, x, y, sorted.Select(p => (double?)p.X).ToArray(), series.ToArray());
    }

    /// <summary>At most <see cref="MaxPoints"/> evenly spaced points: a parity plot of 10^5 force components says no more
    /// than one of 5000, and keeps the page small.</summary>
    private static (double, double)[] Thinned((double, double)[] points) =>
        points.Length <= MaxPoints ? points : Enumerable.Range(0, MaxPoints).Select(i => points[(int)((long)i * points.Length / MaxPoints)]).ToArray();

    private const int MaxPoints = 5000;

    private static ReportPlot Histograms(string id, FragmentLevelReport f)
    {
        var errors = f.Points.Select(p => p.Predicted - p.Reference).ToArray();
        double lim = Math.Max(1e-3, errors.Max(Math.Abs));
        const int bins = 21;
        double width = 2 * lim / bins;
        var x = Enumerable.Range(0, bins).Select(b => (double?)(-lim + (b + 0.5) * width)).ToArray();
        var series = f.PerRank.Select(pr =>
        {
            var counts = new double?[bins];
            for (int b = 0; b < bins; b++) counts[b] = 0;
            foreach (var p in f.Points.Where(p => p.Rank == pr.Rank))
                counts[Math.Clamp((int)((p.Predicted - p.Reference + lim) / width), 0, bins - 1)] += 1;
            return new ReportSeries($"rank {pr.Rank}", counts, true, false, Step: true);
        }).ToArray();
        return new ReportPlot(id, "Fragment error histogram per rank", "error (kcal/mol)", "fragments (count)", x, series);
    }

    private static ReportPlot LearningCurves(string id, FragmentTrainingRecord t)
    {
        int epochs = t.Curves.Max(c => c.Points.Length);
        var x = Enumerable.Range(0, epochs).Select(e => (double?)e).ToArray();
        var series = t.Curves.Select(c =>
            new ReportSeries($"{c.Type} #{c.Member}", x.Select((_, e) => e < c.Points.Length ? N(c.Points[e].ValidationRmse) : null).ToArray(), true, false)).ToArray();
        return new ReportPlot(id, "Learning curves (validation RMSE)", "epoch", "validation RMSE (kcal/mol)", x, series);
    }

    private static double? N(double v) => double.IsFinite(v) ? v : null;
    private static string K(double v) => double.IsNaN(v) ? "-" : v.ToString("F3", CultureInfo.InvariantCulture);
    internal static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Report resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReportPlot[]))]
internal sealed partial class ReportJson : JsonSerializerContext;
