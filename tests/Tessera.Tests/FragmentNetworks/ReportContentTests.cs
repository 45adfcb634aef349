using Tessera.Cli;
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
        var settings = FragmentSettings.Create(2, 3.6, switchOn: 2.7);
        var data = t.File("data.extxyz");
        StructureFile.Write(data, ToyDeltaData.Frames(12, 4, settings, 7), StructureFile.ExtXyzFormat);
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
            Assert.True(Unitless.Contains(p.XLabel) || p.XLabel.EndsWith("(kcal/mol)", StringComparison.Ordinal), $"{p.Id}: x axis '{p.XLabel}'");
        }
        EvaluationReportHtml.Write(t.File("r.html"), [eval]);
        string html = File.ReadAllText(t.File("r.html"));
        Assert.Contains("<summary>Provenance</summary>", html);
        Assert.Contains($"data.extxyz (SHA-256 {DataFileRecord.Of(data).Sha256})", html);
        Assert.Contains("tessera train fragments data.extxyz --hidden 8", html);
        Assert.Contains("<tr><td>epochs</td><td>10</td><td>file</td></tr>", html);

        var old = FragmentModelFile.Read(BadInput.BadInputRunner.RepoPath("tests/Tessera.Tests/FragmentNetworks/Fixtures/w6-tiny-v1.json"));
        var text = new System.Text.StringBuilder();
        ReportProvenance.Append(text, old);
        Assert.Contains("No training configuration recorded", text.ToString());
    }
}
