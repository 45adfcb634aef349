using System.Text.Json;
using Tessera.IO;

namespace Tessera.Cluster;

/// <summary>The shared folder of a labelling campaign: campaign.json (<see cref="LabelCampaign"/>), the sbatch
/// script label.sbatch, and per array task i its own label store task-i.sqlite (also its engine result cache),
/// its log task-i.log and the exit status task-i.exit its script writes when <c>tessera label</c> returns. No
/// two tasks write one file.</summary>
public sealed class CampaignFolder(string path)
{
    public const string CampaignName = "campaign.json", ScriptName = "label.sbatch";

    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string CampaignFile => System.IO.Path.Combine(Path, CampaignName);
    public string Script => System.IO.Path.Combine(Path, ScriptName);
    public string Store(int task) => System.IO.Path.Combine(Path, $"task-{task}.sqlite");
    public string ExitFile(int task) => System.IO.Path.Combine(Path, $"task-{task}.exit");
    public string Log(int task) => System.IO.Path.Combine(Path, $"task-{task}.log");

    public bool Exists => File.Exists(CampaignFile);

    public void Write(LabelCampaign campaign)
    {
        Directory.CreateDirectory(Path);
        AtomicFile.Write(CampaignFile, stream => JsonSerializer.Serialize(stream, campaign, ClusterJsonContext.Default.LabelCampaign));
    }

    /// <exception cref="FileFormatException">campaign.json is missing, damaged or of another format.</exception>
    public LabelCampaign Read()
    {
        if (!Directory.Exists(Path)) throw new DirectoryNotFoundException($"Campaign folder '{Path}' does not exist (made by 'tessera label submit').");
        if (!File.Exists(CampaignFile))
            throw new FileNotFoundException($"'{Path}' is not a labelling campaign: it holds no {CampaignName} (made by 'tessera label submit').", CampaignFile);
        var campaign = JsonFile.Read(CampaignFile, ClusterJsonContext.Default.LabelCampaign, "campaign file");
        if (campaign.FormatVersion != LabelCampaign.CurrentFormat)
            throw new FileFormatException(CampaignFile, 1, $"campaign format {campaign.FormatVersion} is not the supported format {LabelCampaign.CurrentFormat}");
        if (campaign.Shards.Count != campaign.Labelling.Tasks)
            throw new FileFormatException(CampaignFile, 1, $"{campaign.Shards.Count} shards for {campaign.Labelling.Tasks} tasks");
        return campaign;
    }

    /// <summary>The exit status the task's script recorded for its latest run; null when none (never ran, still
    /// running, or its script was killed, e.g. by scancel).</summary>
    public int? ExitStatus(int task)
    {
        var file = ExitFile(task);
        if (!File.Exists(file)) return null;
        return int.TryParse(File.ReadAllText(file).Trim(), out int rc) ? rc : null;
    }
}
