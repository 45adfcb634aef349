using Tessera.IO;

namespace Tessera.Cli;

/// <summary>A report's static figures: report.html gets report-figures/ beside it, one SVG per plot named by the plot's
/// id (<see cref="SvgPlot"/>), each written atomically.</summary>
public static class ReportFigures
{
    /// <summary>The figures folder of the report page <paramref name="page"/>, as relative as the page's path.</summary>
    public static string FolderOf(string page) =>
        Path.Combine(Path.GetDirectoryName(page) ?? "", Path.GetFileNameWithoutExtension(page) + "-figures");

    /// <summary>Writes every plot's figure; returns the folder.</summary>
    public static string Write(string page, IReadOnlyList<ReportPlot> plots)
    {
        string folder = FolderOf(page);
        Directory.CreateDirectory(folder);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in plots)
        {
            string file = Path.Combine(folder, p.Id + ".svg");
            AtomicFile.WriteAllText(file, SvgPlot.Render(p));
            written.Add(Path.GetFileName(file));
        }
        // A figure left by an earlier report (one more model compared) would pass for one of this report.
        foreach (var old in Directory.EnumerateFiles(folder, "*.svg"))
            if (!written.Contains(Path.GetFileName(old))) File.Delete(old);
        return folder;
    }
}
