using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>What every Tessera HTML report shares: one self-contained page (its plots' data as JSON, drawn by uPlot,
/// MIT licence, inlined with its licence text, so that the file opens offline), written atomically, and the same plots
/// as SVG figures beside it (<see cref="ReportFigures"/>).</summary>
internal static class ReportPage
{
    /// <summary>Writes the figures, then the page: a heading, a note on where the figures are, <paramref name="body"/>
    /// (which places the plots with <see cref="AppendPlots"/>) and the scripts. Returns the figures folder.</summary>
    public static string Write(string path, string heading, IReadOnlyList<ReportPlot> plots, Action<StringBuilder> body)
    {
        string figures = ReportFigures.Write(path, plots);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera: ").Append(Enc(heading)).Append("</title><style>")
            .Append(Resource("Tessera.Report.uPlot.css"))
            .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}" +
                    ".plots{display:flex;flex-wrap:wrap;gap:1em}</style></head><body><h1>").Append(Enc(heading)).Append("</h1>")
            .Append("<p>Every plot is also a static figure, <code>").Append(Enc(Path.GetFileName(figures)))
            .Append("/&lt;plot id&gt;.svg</code> beside this page.</p>");
        body(html);
        html.Append("<script id=\"plot-data\" type=\"application/json\">")
            .Append(JsonSerializer.Serialize(plots.ToArray(), ReportJson.Default.ReportPlotArray).Replace("</", "<\\/"))
            .Append("</script><script>").Append(Resource("Tessera.Report.uPlot.js")).Append("</script><script>")
            .Append(Resource("Tessera.Report.report.js")).Append("</script><!-- uPlot licence:\n")
            .Append(Resource("Tessera.Report.uPlot.LICENSE").Replace("--", "- -")).Append("\n--></body></html>");
        AtomicFile.WriteAllText(path, html.ToString());
        return figures;
    }

    /// <summary>A row of plot containers, which the page script fills.</summary>
    public static void AppendPlots(StringBuilder html, IEnumerable<ReportPlot> plots)
    {
        html.Append("<div class=\"plots\">");
        foreach (var p in plots) html.Append("<div class=\"plot\" id=\"").Append(p.Id).Append("\"></div>");
        html.Append("</div>");
    }

    public static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Report resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
