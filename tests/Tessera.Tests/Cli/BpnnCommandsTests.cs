using System.Xml.Linq;
using Tessera.Cli;
using Tessera.IO;
using Tessera.Potentials.BehlerParrinello;
using Tessera.Tests.BadInput;
using Tessera.Tests.IO;
using Tessera.Tests.Potentials.BehlerParrinello;

namespace Tessera.Tests.Cli;

/// <summary><c>train bpnn</c> and <c>predict</c>: an ensemble and its spread; the --html report (page, SVG figures, and
/// test-set parity points that give back the trainer's own test RMSE, so their units are the table's).</summary>
[Collection(ConsoleCollection.Name)]
public class BpnnCommandsTests
{
    [Fact]
    public void TrainEnsembleThenPredictWritesMeanAndSpread()
    {
        using var t = new TempDir();
        var data = t.File("toy.extxyz");
        StructureFile.Write(data, BpnnTrainingTests.ToyData(24, 9));
        var settings = new BpnnTrainingSettings { Epochs = 3, Hidden = [6], Cutoff = 5.0, BatchSize = 4 };
        var model = t.File("model");
        Assert.Equal(0, TrainBpnnCommand.Run(data, model, settings, 2, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(model, "member_2", "weights.008.data")));
        Assert.Equal(1 + 2 * 3, File.ReadAllLines(Path.Combine(model, "learning_curve.csv")).Length);
        Assert.Equal(0, PredictCommand.Run(model, data, t.File("pred.extxyz")));
        var frames = StructureFile.ReadAll(t.File("pred.extxyz"));
        Assert.Equal(24, frames.Count);
        Assert.All(frames, f => Assert.True(f.Info.ContainsKey("energy_std") && f.Arrays.ContainsKey("forces_std")));
        // A single member loads as a model of its own (n2p2 folder).
        Assert.Single(BpnnEnsemble.Load(Path.Combine(model, "member_1")).Members);
    }

    [Fact]
    public void Train_bpnn_html_writes_the_report_and_its_figures()
    {
        using var t = new TempDir();
        StructureFile.Write(t.File("data.extxyz"), BpnnTrainingTests.ToyData(20, 9));
        var o = CliProcess.Run(t.Dir, ["train", "bpnn", "data.extxyz", "-o", "model", "--epochs", "3", "--hidden", "4", "--cutoff", "5",
                                       "--batch", "4", "--test", "0.2", "--ensemble", "2", "--html", "report.html"]);
        Assert.True(o.ExitCode == 0, o.Stderr);
        Assert.Contains("report written to report.html (SVG figures in report-figures)", o.Stdout);
        string html = File.ReadAllText(t.File("report.html"));
        Assert.Contains("<h1>Behler-Parrinello training</h1>", html);
        Assert.Contains($"data.extxyz (SHA-256 {DataFileRecord.Of(t.File("data.extxyz")).Sha256})", html);
        Assert.Contains("--html report.html", html); // the command line, from the run's record
        Assert.Contains("<tr><td>epochs</td><td>3</td><td>flag</td></tr>", html);
        Assert.Contains("test energy RMSE (meV/atom)", html);
        var ids = new[] { "learn-energy", "learn-force", "test-energy", "test-force" };
        Assert.Equal(ids.Select(i => i + ".svg").Order(), Directory.GetFiles(t.File("report-figures")).Select(Path.GetFileName).Order()!);
        foreach (var id in ids) Assert.Contains($"id=\"{id}\"", html);
        var energy = XDocument.Load(t.File("report-figures/test-energy.svg"));
        Assert.Equal(4, ReportFiguresTests.Circles(energy, 0)); // 20 % of 20 frames, each member's own test set
        Assert.Equal(4, ReportFiguresTests.Circles(energy, 1));
        Assert.Contains("predicted energy (meV/atom)", energy.ToString());
    }

    [Fact]
    public void Parity_points_give_the_trainer_s_test_rmse_and_every_figure_checks()
    {
        var data = BpnnTrainingTests.ToyData(20, 3);
        var settings = new BpnnTrainingSettings { Epochs = 3, Hidden = [4], Cutoff = 5.0, BatchSize = 4, TestFraction = 0.25 };
        var result = BpnnTrainer.Train(data, settings);
        var plots = BpnnReportHtml.Plots([new BpnnReportHtml.Member(result, BpnnTrainer.Split(data, settings).Test)]);
        Assert.Equal(["learn-energy", "learn-force", "test-energy", "test-force"], plots.Select(p => p.Id));
        Assert.Equal(result.TestEnergyRmse, Rmse(plots[2]), 6);
        Assert.Equal(result.TestForceRmse, Rmse(plots[3]), 6);
        Assert.Equal(result.History.Select(r => (double?)r.ValidationEnergyRmse), plots[0].Series[1].Y);
        Assert.Equal("energy RMSE (meV/atom)", plots[0].YLabel);
        Assert.Equal(plots[2].XRange, plots[2].YRange);
        foreach (var p in plots) ReportFiguresTests.Check(XDocument.Parse(SvgPlot.Render(p)), p);
    }

    /// <summary>RMSE of the parity plot's points (model minus reference).</summary>
    private static double Rmse(ReportPlot p)
    {
        var d = p.X.Zip(p.Series[0].Y).Where(q => q.Second is not null).Select(q => q.Second!.Value - q.First!.Value).ToArray();
        return Math.Sqrt(d.Average(v => v * v));
    }
}
