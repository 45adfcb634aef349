using System.Globalization;
using System.Text;
using Tessera.FragmentNetworks;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>The report's provenance section for one model: how it was trained (the stored resolved configuration: command
/// line, Tessera version, date, seed, config file and data files with their SHA-256, every option with its source) and
/// where its data came from (the data set's own record: levels of theory, selection, pool); or a training run's record
/// alone (<see cref="BpnnReportHtml"/>).</summary>
internal static class ReportProvenance
{
    public static void Append(StringBuilder html, FragmentNetworkModel model)
    {
        html.Append("<details class=\"provenance\"><summary>Provenance</summary>");
        if (model.TrainingConfig is { } c) AppendConfig(html, c);
        else html.Append("<p>No training configuration recorded (the model was written before Tessera stored one).</p>");
        if (model.Provenance.Count > 0)
        {
            html.Append("<table><tr><th>data record</th><th>value</th></tr>");
            foreach (var (key, value) in model.Provenance.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Row(html, key, value);
            html.Append("</table>");
        }
        html.Append("</details>");
    }

    /// <summary>The section for a training run that has no model file to read the record from.</summary>
    public static void Append(StringBuilder html, TrainingConfigRecord config)
    {
        html.Append("<details class=\"provenance\"><summary>Provenance</summary>");
        AppendConfig(html, config);
        html.Append("</details>");
    }

    private static void AppendConfig(StringBuilder html, TrainingConfigRecord c)
    {
        html.Append("<table><tr><th>training</th><th>value</th></tr>");
        Row(html, "command line", c.CommandLine);
        Row(html, "Tessera", c.TesseraVersion);
        Row(html, "date (UTC)", c.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Row(html, "seed", c.Seed.ToString(CultureInfo.InvariantCulture));
        Row(html, "config file", c.ConfigFile is null ? "(none: flags and defaults)" : $"{c.ConfigFile} (SHA-256 {c.ConfigSha256})");
        foreach (var d in c.Data) Row(html, "data file", $"{d.File} (SHA-256 {d.Sha256})");
        html.Append("</table><table><tr><th>option</th><th>value</th><th>from</th></tr>");
        foreach (var (key, value) in c.Options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            html.Append($"<tr><td>{ReportPage.Enc(key)}</td><td>{ReportPage.Enc(value)}</td><td>{ReportPage.Enc(c.Sources.GetValueOrDefault(key, "?"))}</td></tr>");
        html.Append("</table>");
    }

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append($"<tr><td>{ReportPage.Enc(key)}</td><td style=\"text-align:left\">{ReportPage.Enc(value)}</td></tr>");
}
