using System.Globalization;
using System.Text;
using Tessera.Core;
using Tessera.IO;
using Tessera.Networks;
using Tessera.Potentials;
using Tessera.Potentials.BehlerParrinello;

namespace Tessera.Cli;

/// <summary>The self-contained HTML report of <c>tessera train bpnn --html</c> (<see cref="ReportPage"/>: uPlot inlined,
/// SVG figures beside the page): each member's split and test-set RMSE, learning curves of the energy (meV/atom) and
/// force (meV/A) RMSE on the training and validation sets, parity plots of the test set's energies per atom and force
/// components, and the run's provenance (data file and its SHA-256, seed, settings, Tessera version).</summary>
public static class BpnnReportHtml
{
    /// <summary>One trained network (ensemble member) and the test structures its split held out.</summary>
    public sealed record Member(BpnnTrainingResult Result, IReadOnlyList<Structure> Test);

    /// <param name="config">The run's resolved configuration; without one (a call from code) the report records
    /// <paramref name="settings"/> instead.</param>
    /// <returns>The figures folder.</returns>
    public static string Write(string path, string dataPath, IReadOnlyList<Member> members, BpnnTrainingSettings settings, TrainingConfigRecord? config)
    {
        var plots = Plots(members);
        return ReportPage.Write(path, "Behler-Parrinello training", plots, html =>
        {
            html.Append("<p>Energies in meV/atom, forces per Cartesian component in meV/A. Each member's test set is the part of ")
                .Append(ReportPage.Enc(Path.GetFileName(dataPath))).Append(" its seeded split held out.</p>")
                .Append("<table><tr><th>member</th><th>train/validation/test</th><th>epochs</th><th>test energy RMSE (meV/atom)</th><th>test force RMSE (meV/A)</th></tr>");
            for (int m = 0; m < members.Count; m++)
            {
                var r = members[m].Result;
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{m + 1}</td><td>{r.TrainCount}/{r.ValidationCount}/{r.TestCount}</td><td>{r.History.Count}</td>" +
                                                          $"<td>{F(r.TestEnergyRmse, "F3")}</td><td>{F(r.TestForceRmse, "F2")}</td></tr>");
            }
            html.Append("</table>");
            ReportPage.AppendPlots(html, plots);
            ReportProvenance.Append(html, config ?? FromSettings(dataPath, settings, members.Count));
        });
    }

    /// <summary>Learning curves (energy; forces when the data has them) and test-set parity plots, each member a series,
    /// with ranges fitted to the data.</summary>
    public static List<ReportPlot> Plots(IReadOnlyList<Member> members)
    {
        var plots = new List<ReportPlot> { Curves("learn-energy", "Learning curve: energy RMSE", "energy RMSE (meV/atom)", members, r => (r.TrainEnergyRmse, r.ValidationEnergyRmse)) };
        if (members.Any(m => m.Result.History.Any(r => double.IsFinite(r.TrainForceRmse))))
            plots.Add(Curves("learn-force", "Learning curve: force RMSE", "force RMSE (meV/A)", members, r => (r.TrainForceRmse, r.ValidationForceRmse)));
        plots.AddRange(Parity(members));
        return ReportRanges.Common(plots, id => id);
    }

    /// <summary>Training and validation RMSE per epoch (the trainer's epochs count from 1).</summary>
    private static ReportPlot Curves(string id, string title, string y, IReadOnlyList<Member> members, Func<BpnnEpochReport, (double Train, double Validation)> of)
    {
        int epochs = members.Max(m => m.Result.History.Count);
        var x = Enumerable.Range(1, epochs).Select(e => (double?)e).ToArray();
        var series = new List<ReportSeries>();
        for (int m = 0; m < members.Count; m++)
        {
            var h = members[m].Result.History;
            string who = members.Count == 1 ? "" : $"member {m + 1} ";
            series.Add(new ReportSeries($"{who}training", x.Select((_, e) => e < h.Count ? ReportPlots.N(of(h[e]).Train) : null).ToArray(), true, false));
            series.Add(new ReportSeries($"{who}validation", x.Select((_, e) => e < h.Count ? ReportPlots.N(of(h[e]).Validation) : null).ToArray(), true, false));
        }
        return new ReportPlot(id, title, "epoch", y, x, series.ToArray());
    }

    /// <summary>Model against reference on each member's test set: energies per atom relative to the mean reference (one
    /// mean for all members, so their points share the axes), and force components.</summary>
    private static IEnumerable<ReportPlot> Parity(IReadOnlyList<Member> members)
    {
        var energies = new List<(string, (double X, double Y)[])>();
        var forces = new List<(string, (double, double)[])>();
        foreach (var (m, k) in members.Select((m, k) => (m, k)))
        {
            var potential = new BehlerParrinelloPotential(m.Result.Model);
            var e = new List<(double, double)>();
            var f = new List<(double, double)>();
            foreach (var s in m.Test)
            {
                var result = potential.Compute(s, Needs.Forces);
                e.Add((1000 * s.Energy!.Value / s.Count, 1000 * result.Energy / s.Count));
                if (s.Forces is { } reference)
                    for (int i = 0; i < s.Count; i++)
                    {
                        f.Add((1000 * reference[i].X, 1000 * result.Forces![i].X));
                        f.Add((1000 * reference[i].Y, 1000 * result.Forces![i].Y));
                        f.Add((1000 * reference[i].Z, 1000 * result.Forces![i].Z));
                    }
            }
            string label = members.Count == 1 ? "test set" : $"member {k + 1}";
            energies.Add((label, e.ToArray()));
            if (f.Count > 0) forces.Add((label, ReportPlots.Thinned(f.ToArray(), ReportPlots.MaxPoints / members.Count)));
        }
        if (energies.Sum(s => s.Item2.Length) == 0) yield break;
        double mean = energies.SelectMany(s => s.Item2).Average(p => p.X);
        yield return ReportPlots.Scatter("test-energy", "Test-set energy parity (per atom, relative to the mean reference)", "reference energy (meV/atom)",
                                         "predicted energy (meV/atom)", energies.Select(s => (s.Item1, s.Item2.Select(p => (p.X - mean, p.Y - mean)).ToArray())).ToList(), diagonal: true);
        if (forces.Count > 0)
            yield return ReportPlots.Scatter("test-force", "Test-set force parity (Cartesian components)", "reference force (meV/A)", "predicted force (meV/A)", forces, diagonal: true);
    }

    /// <summary>The record of a run that has none (a call from code): the settings as the flags would give them.</summary>
    private static TrainingConfigRecord FromSettings(string dataPath, BpnnTrainingSettings s, int members)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["optimizer"] = s.Optimizer.ToString().ToLowerInvariant(), ["lbfgs-memory"] = I(s.LbfgsMemory), ["epochs"] = I(s.Epochs),
            ["batch"] = I(s.BatchSize), ["lr"] = R(s.LearningRate), ["lr-decay"] = R(s.LearningRateDecay), ["hidden"] = string.Join(",", s.Hidden),
            ["activation"] = Activations.Code(s.Activation), ["cutoff"] = R(s.Cutoff), ["energy-weight"] = R(s.EnergyWeight),
            ["force-weight"] = R(s.ForceWeight), ["patience"] = I(s.Patience), ["validation"] = R(s.ValidationFraction),
            ["test"] = R(s.TestFraction), ["seed"] = I(s.Seed), ["ensemble"] = I(members),
        };
        return TrainingConfigRecord.Create("train bpnn", options, options.Keys.ToDictionary(k => k, _ => "caller"), null, [dataPath], s.Seed,
                                           "(no command line: trained from code)");
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
