using System.Diagnostics;
using Tessera.Cli;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Tests.FragmentNetworks;

/// <summary>train fragments -> evaluate -> HTML report, on the toy delta data; the report is loaded in headless
/// Chromium (Debian's package) and every plot must have drawn its canvas.</summary>
[Collection(ConsoleCollection.Name)]
public class FragmentCliTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    [Trait("Category", "Browser")]
    public void Train_evaluate_and_report_renders_every_plot_in_headless_chromium()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install -y chromium");
        var dir = Directory.CreateTempSubdirectory("fragnn-cli-").FullName;
        try
        {
            var data = Path.Combine(dir, "data.extxyz");
            var settings = ToyDeltaData.WriteSmall(data);
            var model = Path.Combine(dir, "model.json");
            int rc = TrainCommand.Run(data, model, settings.ToString(), null,
                                      FragmentTrainingSettings.Create(hidden: [8], ensemble: 2, epochs: 15), null);
            Assert.Equal(0, rc);
            var test = Path.Combine(dir, "model.test.extxyz");
            Assert.True(File.Exists(test));
            var eval = EvaluateCommand.Evaluate(model, StructureFile.Read(test).ToList(), null, null, "energy_high", null, default);
            Assert.NotNull(eval.Fragments);
            var page = Path.Combine(dir, "report.html");
            EvaluationReportHtml.Write(page, [eval]);
            int expected = EvaluationReportHtml.Plots(eval, "m0").Count();
            Assert.True(expected >= 4);
            var dom = DumpDom(page);
            Assert.Contains($"data-plots-expected=\"{expected}\"", dom);
            Assert.Contains($"data-plots-rendered=\"{expected}\"", dom);
            // Each plot container, not the script text that mentions the attribute.
            Assert.Equal(expected, System.Text.RegularExpressions.Regex.Matches(dom, "<div class=\"plot\"[^>]*data-rendered=\"true\"[^>]*>").Count);
            Assert.Equal(expected, System.Text.RegularExpressions.Regex.Matches(dom, "<canvas").Count);
            Assert.DoesNotContain("data-error=\"", dom);
            // Parity plots are square on the page, as in their SVG figures; the others are wider than tall.
            var plots = EvaluationReportHtml.Plots(eval, "m0").ToList();
            Assert.Contains(plots, p => p.EqualAxes);
            foreach (var p in plots)
            {
                var area = System.Text.RegularExpressions.Regex.Match(dom, $"<div class=\"plot\" id=\"{p.Id}\"[^>]*data-plot-area=\"(\\d+)x(\\d+)\"");
                Assert.True(area.Success, $"plot {p.Id} has no plot area");
                int w = int.Parse(area.Groups[1].Value), h = int.Parse(area.Groups[2].Value);
                if (p.EqualAxes) Assert.True(Math.Abs(w - h) <= 2, $"parity plot {p.Id}: {w}x{h}");
                else Assert.True(w > h + 50, $"plot {p.Id}: {w}x{h}");
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string DumpDom(string page)
    {
        var psi = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                  "--disable-component-update", "--disable-sync", "--dump-dom", new Uri(page).AbsoluteUri })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var dom = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "chromium did not finish within 60 s");
        Assert.True(dom.Length > 0, $"chromium printed no DOM: {stderr.Result}");
        return dom;
    }
}
