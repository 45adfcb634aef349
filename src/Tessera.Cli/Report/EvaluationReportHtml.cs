using System.Globalization;
using System.Text;
using Tessera.FragmentNetworks;

namespace Tessera.Cli;

/// <summary>The self-contained HTML report of <c>tessera evaluate --html</c>: summary tables, parity plots, error
/// histograms per rank, learning curves, MAE against truncation rank and spread against error (every axis with its unit),
/// and each model's provenance (<see cref="ReportPage"/>: uPlot inlined, SVG figures beside the page). Compared models'
/// plots of one kind share their axis ranges, and their histograms their bins.</summary>
public static class EvaluationReportHtml
{
    /// <summary>Writes the page and its figures; returns the figures folder.</summary>
    public static string Write(string path, IReadOnlyList<ModelEvaluation> results)
    {
        var plots = Plots(results);
        return ReportPage.Write(path, "Fragment-network evaluation", plots, html =>
        {
            html.Append("<p>Energies in kcal/mol. MAE-MSE: MAE after removing the mean signed error.</p>");
            foreach (var (r, i) in results.Select((r, i) => (r, i)))
            {
                html.Append($"<h2>{Enc(r.Model)}</h2><p>{(r.Loaded.Delta ? "delta E_high - E_low" : "absolute energies")}, " +
                            $"{r.Loaded.Types.Count} fragment types x {r.Loaded.EnsembleSize} networks; fragmentation {Enc(r.Loaded.Fragmentation.ToString())}; " +
                            $"selection {Enc(r.Loaded.Provenance.GetValueOrDefault("selection_method", "?"))}</p>");
                AppendTables(html, r);
                ReportPage.AppendPlots(html, plots.Where(p => p.Id.StartsWith($"m{i}-", StringComparison.Ordinal)));
                foreach (var n in r.Notes) html.Append($"<p>{Enc(n)}</p>");
                ReportProvenance.Append(html, r.Loaded);
            }
        });
    }

    /// <summary>Every model's plots (ids m0-..., m1-...), with the axis ranges of each kind common to all models.</summary>
    public static List<ReportPlot> Plots(IReadOnlyList<ModelEvaluation> results)
    {
        // One error span for every model's histogram, so that their bins are the same too.
        double limit = results.Select(r => r.Fragments).OfType<FragmentLevelReport>().Select(ErrorLimit).DefaultIfEmpty(1).Max();
        var plots = results.SelectMany((r, i) => Plots(r, $"m{i}", limit)).ToList();
        return ReportRanges.Common(plots, id => id[(id.IndexOf('-') + 1)..]);
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
    public static IEnumerable<ReportPlot> Plots(ModelEvaluation r, string prefix, double? errorLimit = null)
    {
        if (r.Fragments is { } f)
        {
            // Types differ by hundreds of kcal/mol; relative to each type's mean reference the scatter is readable.
            var typeMean = f.Points.GroupBy(p => p.Type).ToDictionary(g => g.Key, g => g.Average(p => p.Reference));
            yield return ReportPlots.Scatter($"{prefix}-parity", "Fragment parity (relative to each type's mean reference)", "reference (kcal/mol)", "predicted (kcal/mol)",
                                 f.Points.Select(p => (p.Reference - typeMean[p.Type], p.Predicted - typeMean[p.Type])).ToArray(), diagonal: true);
            yield return Histograms($"{prefix}-hist", f, errorLimit ?? ErrorLimit(f));
            if (f.Forces is { } forces)
                yield return ReportPlots.Scatter($"{prefix}-forces", "Fragment force parity (Cartesian components)", "reference force (kcal/mol/A)",
                                     "predicted force (kcal/mol/A)", ReportPlots.Thinned(forces.Reference.Zip(forces.Predicted).ToArray()), diagonal: true);
            yield return ReportPlots.Scatter($"{prefix}-spread", "Ensemble spread vs |error| (fragments)", "ensemble spread (kcal/mol)", "|error| (kcal/mol)",
                                 f.Points.Select(p => (p.Spread, Math.Abs(p.Predicted - p.Reference))).ToArray(), diagonal: false);
        }
        if (r.Loaded.Training is { } t) yield return LearningCurves($"{prefix}-learn", t);
        if (r.Structures.Count > 0)
        {
            var ranks = r.Structures.OrderBy(s => s.Rank).ToArray();
            yield return new ReportPlot($"{prefix}-rank", "Total-energy MAE vs truncation rank", "truncation rank R", "MAE (kcal/mol)", ranks.Select(s => (double?)s.Rank).ToArray(),
                [new("vs full high level", ranks.Select(s => ReportPlots.N(s.VersusFull.Mae)).ToArray(), true, true),
                 new("vs ab initio fragments", ranks.Select(s => ReportPlots.N(s.VersusFragments.Mae)).ToArray(), true, true)]);
            var top = ranks[^1];
            var pts = top.Points.Where(p => !double.IsNaN(p.FullReference)).ToArray();
            double mean = pts.Length > 0 ? pts.Average(p => p.FullReference) : 0;
            if (pts.Length > 0)
                yield return ReportPlots.Scatter($"{prefix}-total", $"Total energy parity (R = {top.Rank}, relative to the mean reference)", "full high level (kcal/mol)",
                                     "model (kcal/mol)", pts.Select(p => (p.FullReference - mean, p.Predicted - mean)).ToArray(), diagonal: true);
        }
    }

    /// <summary>Largest |error| of the fragment points (at least 1e-3 kcal/mol): the histogram spans plus and minus it.</summary>
    private static double ErrorLimit(FragmentLevelReport f) => Math.Max(1e-3, f.Points.Max(p => Math.Abs(p.Predicted - p.Reference)));

    /// <summary>Counts per bin over [-lim, lim] as steps: x holds the bins' left edges and then the right edge of the last
    /// (its count repeated), so that a step held up to the next x covers its bin exactly.</summary>
    private static ReportPlot Histograms(string id, FragmentLevelReport f, double lim)
    {
        const int bins = 21;
        double width = 2 * lim / bins;
        var x = Enumerable.Range(0, bins + 1).Select(b => (double?)(-lim + b * width)).ToArray();
        var series = f.PerRank.Select(pr =>
        {
            var counts = new double?[bins + 1];
            for (int b = 0; b < bins; b++) counts[b] = 0;
            foreach (var p in f.Points.Where(p => p.Rank == pr.Rank))
                counts[Math.Clamp((int)((p.Predicted - p.Reference + lim) / width), 0, bins - 1)] += 1;
            counts[bins] = counts[bins - 1];
            return new ReportSeries($"rank {pr.Rank}", counts, true, false, Step: true);
        }).ToArray();
        return new ReportPlot(id, "Fragment error histogram per rank", "error (kcal/mol)", "fragments (count)", x, series);
    }

    private static ReportPlot LearningCurves(string id, FragmentTrainingRecord t)
    {
        int epochs = t.Curves.Max(c => c.Points.Length);
        var x = Enumerable.Range(0, epochs).Select(e => (double?)e).ToArray();
        var series = t.Curves.Select(c =>
            new ReportSeries($"{c.Type} #{c.Member}", x.Select((_, e) => e < c.Points.Length ? ReportPlots.N(c.Points[e].ValidationRmse) : null).ToArray(), true, false)).ToArray();
        return new ReportPlot(id, "Learning curves (validation RMSE)", "epoch", "validation RMSE (kcal/mol)", x, series);
    }

    private static string K(double v) => double.IsNaN(v) ? "-" : v.ToString("F3", CultureInfo.InvariantCulture);
    private static string Enc(string s) => ReportPage.Enc(s);
}

