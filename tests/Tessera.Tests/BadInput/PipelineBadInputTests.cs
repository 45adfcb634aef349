namespace Tessera.Tests.BadInput;

/// <summary>`tessera select`, `label`, `dataset` and `sample` with missing files and bad options.</summary>
public class PipelineBadInputTests
{
    private const string Pool = "data/w6/w6-pool.extxyz.gz", Selection = "data/w6/w6-selection.json.gz";

    private static BadInputCase Select(string id, string[] options, params string[] mustName) =>
        new BadInputCase("select", $"select-{id}", ["select", "pool.extxyz.gz", "-o", "sel.json", .. options], mustName, ["sel.json"]).WithRepoFile("pool.extxyz.gz", Pool);

    private static BadInputCase Label(string id, string[] options, params string[] mustName) =>
        new BadInputCase("label", $"label-{id}", ["label", "pool.extxyz.gz", "--selection", "sel.json.gz", "--labels", "labels.sqlite", .. options], mustName, ["labels.sqlite"])
            .WithRepoFile("pool.extxyz.gz", Pool).WithRepoFile("sel.json.gz", Selection);

    private static BadInputCase Submit(string id, string[] options, params string[] mustName) =>
        new BadInputCase("label submit", $"submit-{id}", ["label", "submit", "pool.extxyz.gz", "--selection", "sel.json.gz", "--low", "xtb:gfn2", .. options], mustName, ["label-campaign"])
            .WithRepoFile("pool.extxyz.gz", Pool).WithRepoFile("sel.json.gz", Selection);

    private static BadInputCase Sample(string id, string[] options, params string[] mustName) =>
        new BadInputCase("sample", $"sample-{id}", ["sample", "--import", "traj.xyz", "-o", "frames.extxyz", .. options], mustName, ["frames.extxyz"])
            .WithFile("traj.xyz", BadInputCorpus.WaterDimerXyz + BadInputCorpus.WaterDimerXyz);

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        new BadInputCase("select", "select-pool-missing", ["select", "missing.extxyz.gz", "-o", "sel.json"], ["missing.extxyz.gz"], ["sel.json"]),
        Select("fraction-zero", ["--fraction", "0"], "--fraction"),
        Select("fraction-above-one", ["--fraction", "1.5"], "--fraction"),
        Select("type-fraction-unknown-type", ["--type-fraction", "r1:H2O,NH4+=0.3"], "r1:H2O,NH4+", "r2:H2O,H2O,H3O+"),
        Select("type-fraction-not-a-pair", ["--type-fraction", "r1:H2O,H2O"], "--type-fraction", "TYPE=F"),
        Select("type-fraction-above-one", ["--type-fraction", "r1:H2O,H2O=2"], "--type-fraction"),
        new BadInputCase("select", "select-output-folder-missing", ["select", "pool.extxyz.gz", "-o", "nodir/sel.json"], ["nodir", "does not exist"], ["nodir"])
            .WithRepoFile("pool.extxyz.gz", Pool),
        Label("no-level", [], "--low", "--high"),
        Label("workers-zero", ["--low", "xtb:gfn2", "--workers", "0"], "--workers"),
        Label("chunk-zero", ["--low", "xtb:gfn2", "--chunk", "0"], "--chunk"),
        Label("engine-unknown", ["--low", "xtb:gfn7;acc=abc"], "acc"),
        new BadInputCase("label", "label-selection-missing", ["label", "pool.extxyz.gz", "--selection", "missing.json", "--low", "xtb:gfn2"], ["missing.json"], [])
            .WithRepoFile("pool.extxyz.gz", Pool),
        Submit("tasks-zero", ["--tasks", "0"], "--tasks"),
        Submit("tasks-above-selection", ["--tasks", "100000"], "--tasks", "fragments selected in sel.json.gz"),
        Submit("time-unreadable", ["--tasks", "4", "--time", "soon"], "--time", "soon"),
        Submit("mem-unreadable", ["--tasks", "4", "--mem", "lots"], "--mem", "lots"),
        Submit("sbatch-line-not-an-option", ["--tasks", "4", "--sbatch", "qos=long"], "--sbatch", "qos=long"),
        Submit("partition-with-space", ["--tasks", "4", "--partition", "big nodes"], "--partition"),
        Submit("psi4-threads-zero", ["--tasks", "4", "--psi4-threads", "0"], "--psi4-threads"),
        new BadInputCase("label status", "status-campaign-missing", ["label", "status", "nocampaign"], ["nocampaign"], ["nocampaign"]),
        new BadInputCase("label status", "status-not-a-campaign", ["label", "status", "camp"], ["campaign.json", "tessera label submit"], ["camp/campaign.json"])
            .WithFile("camp/notes.txt", "not a campaign"),
        new BadInputCase("label collect", "collect-campaign-damaged", ["label", "collect", "camp"], ["campaign.json"], ["labels.sqlite", "camp/labels.sqlite"])
            .WithFile("camp/campaign.json", "{ \"format_version\": 1, \"labelling\": "),
        new BadInputCase("dataset", "dataset-pool-missing", ["dataset", "missing.extxyz.gz", "--selection", "sel.json.gz", "-o", "d.extxyz"], ["missing.extxyz.gz"], ["d.extxyz"])
            .WithRepoFile("sel.json.gz", Selection),
        new BadInputCase("dataset", "dataset-labels-missing", ["dataset", "pool.extxyz.gz", "--selection", "sel.json.gz", "--labels", "none.sqlite", "-o", "d.extxyz"],
                         ["none.sqlite"], ["d.extxyz", "none.sqlite"]).WithRepoFile("pool.extxyz.gz", Pool).WithRepoFile("sel.json.gz", Selection),
        Sample("stride-zero", ["--stride", "0"], "--stride"),
        Sample("skip-negative", ["--skip", "-1"], "--skip"),
        Sample("format-unknown", ["--format", "pdb"], "--format", "pdb"),
        Sample("max-zero", ["--max", "0"], "--max"),
        Sample("skip-everything", ["--skip", "5"], "no frame"),
        new BadInputCase("sample", "sample-import-missing", ["sample", "--import", "missing.xyz", "-o", "frames.extxyz"], ["missing.xyz"], ["frames.extxyz"]),
        new BadInputCase("sample", "sample-md-without-model", ["sample", "w.xyz", "-o", "frames.extxyz"], ["--model"], ["frames.extxyz"]).WithFile("w.xyz", BadInputFiles.WaterXyz),
        new BadInputCase("sample", "sample-thermostat-unknown", ["sample", "w.xyz", "-m", "xtb:gfn2", "--thermostat", "nose", "-o", "frames.extxyz"], ["nose"], ["frames.extxyz"])
            .WithFile("w.xyz", BadInputFiles.WaterXyz),
        new BadInputCase("sample", "sample-timestep-negative", ["sample", "w.xyz", "-m", "xtb:gfn2", "--timestep", "-1", "-o", "frames.extxyz"], ["--timestep"], ["frames.extxyz"])
            .WithFile("w.xyz", BadInputFiles.WaterXyz),
    ];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));
}
