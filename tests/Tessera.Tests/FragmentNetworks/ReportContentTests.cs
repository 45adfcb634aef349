using Tessera.Cli;
using Tessera.Core;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Tests.IO;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>The evaluation report's content: a unit on every axis that has one, and a provenance section from the model's
/// stored training configuration (or a plain note for a model that has none).</summary>
[Collection(ConsoleCollection.Name)]
public class ReportContentTests
{
    private static readonly string[] Unitless = ["epoch", "truncation rank R"];

    [Fact]
    public void Every_axis_has_its_unit_and_the_report_shows_the_training_provenance()
    {
        using var t = new TempDir();
        var data = t.File("data.extxyz");
        var settings = ToyDeltaData.WriteSmall(data);
        var record = TrainingConfigRecord.Create("train fragments", new() { ["epochs"] = "10", ["hidden"] = "8" },
            new() { ["epochs"] = "file", ["hidden"] = "flag" }, null, [data], 3, "tessera train fragments data.extxyz --hidden 8");
        Assert.Equal(0, TrainCommand.Run([data], t.File("m.json"), settings.ToString(), null,
                                         FragmentTrainingSettings.Create(hidden: [8], ensemble: 2, epochs: 10), null, config: () => record));
        var eval = EvaluateCommand.Evaluate(t.File("m.json"), StructureFile.Read(t.File("m.test.extxyz")).ToList(), null, null, "energy_high", null, default);
        var plots = EvaluationReportHtml.Plots(eval, "m0").ToList();
        Assert.True(plots.Count >= 4);
        foreach (var p in plots)
        {
            Assert.Contains("(", p.YLabel);
            Assert.True(Unitless.Contains(p.XLabel) || p.XLabel.EndsWith("(kcal/mol)", StringComparison.Ordinal) || p.XLabel.EndsWith("(kcal/mol/A)", StringComparison.Ordinal), $"{p.Id}: x axis '{p.XLabel}'");
        }
        Assert.Contains(plots, p => p.Id == "m0-forces");
        ForceErrorsAreModelMinusLabel(FragmentModelFile.Read(t.File("m.json")), StructureFile.Read(t.File("m.test.extxyz")).ToList());
        EvaluationReportHtml.Write(t.File("r.html"), [eval]);
        string html = File.ReadAllText(t.File("r.html"));
        Assert.Contains("<summary>Provenance</summary>", html);
        Assert.Contains($"data.extxyz (SHA-256 {DataFileRecord.Of(data).Sha256})", html);
        Assert.Contains("tessera train fragments data.extxyz --hidden 8", html);
        Assert.Contains("<tr><td>epochs</td><td>10</td><td>file</td></tr>", html);
        Assert.Contains("Fragment forces, per Cartesian component, in kcal/mol/A.", html);

        var old = FragmentModelFile.Read(BadInput.BadInputRunner.RepoPath("tests/Tessera.Tests/FragmentNetworks/Fixtures/w6-tiny-v1.json"));
        var text = new System.Text.StringBuilder();
        ReportProvenance.Append(text, old);
        Assert.Contains("No training configuration recorded", text.ToString());
    }

    /// <summary>Labels equal to the model's own forces give zero error; zero labels give the mean |component| in kcal/mol/A.</summary>
    private static void ForceErrorsAreModelMinusLabel(FragmentNetworkModel model, List<Structure> frames)
    {
        var level = new FragmentCorrectionLevel(model);
        var samples = frames.Select((f, i) => FragmentTrainingSample.From(f, delta: true, i)).ToArray();
        var own = samples.Select(s => s with { Forces = level.Compute(s.Fragment, Tessera.Potentials.Needs.Forces).Forces }).ToArray();
        var exact = FragmentForceReport.Of(level, own, default)!;
        Assert.Equal(3 * samples.Sum(s => s.Numbers.Length), exact.All.Count);
        Assert.True(exact.All.Mae < 1e-12, $"MAE {exact.All.Mae}");
        var zero = FragmentForceReport.Of(level, samples.Select(s => s with { Forces = new Tessera.Core.Vec3[s.Numbers.Length] }).ToArray(), default)!;
        double meanAbs = own.SelectMany(s => s.Forces!).SelectMany(f => new[] { f.X, f.Y, f.Z }).Average(Math.Abs) / Tessera.Core.Units.KcalPerMol;
        Assert.Equal(meanAbs, zero.All.Mae, 12);
        Assert.True(meanAbs > 0);
        Assert.Null(FragmentForceReport.Of(level, samples.Select(s => s with { Forces = null }).ToArray(), default));
    }
}
