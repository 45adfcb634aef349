namespace Tessera.Tests.BadInput;

/// <summary>`tessera fragment` and `tessera pool` with bad fragmentation options and structures that cannot be split.</summary>
public class FragmentBadInputTests
{
    private static BadInputCase Fragment(string id, string[] options, params string[] mustName) =>
        new BadInputCase("fragment", id, ["fragment", "dimer.xyz", .. options], mustName, [])
            .WithFile("dimer.xyz", BadInputCorpus.WaterDimerXyz);

    private static BadInputCase Pool(string id, string[] options, params string[] mustName) =>
        new BadInputCase("pool", $"pool-{id}", ["pool", "dimer.xyz", "-o", "pool.extxyz.gz", .. options], mustName, ["pool.extxyz.gz"])
            .WithFile("dimer.xyz", BadInputCorpus.WaterDimerXyz);

    public static readonly IReadOnlyList<BadInputCase> Cases =
    [
        Fragment("rank-negative", ["--rank", "-1"], "--rank"),
        Fragment("rank-too-high", ["--rank", "9"], "--rank", "8"),
        Fragment("rank-not-a-number", ["--rank", "two"], "--rank", "two"),
        Fragment("cutoff-negative", ["--cutoff", "-3"], "--cutoff"),
        Fragment("cutoff-zero", ["--cutoff", "0"], "--cutoff"),
        Fragment("on-above-cutoff", ["--on", "6", "--cutoff", "4"], "--on", "--cutoff"),
        Fragment("settings-key-misspelt", ["--fragment", "rnak=2,cutoff=4"], "--fragment", "rnak", "did you mean 'rank'"),
        Fragment("settings-not-key-value", ["--fragment", "rank2,cutoff=4"], "--fragment", "rank2"),
        Fragment("settings-missing-cutoff", ["--fragment", "rank=2"], "--fragment", "cutoff"),
        Fragment("settings-rank-not-an-integer", ["--fragment", "rank=two,cutoff=4"], "--fragment", "two"),
        Fragment("settings-switch-unknown", ["--fragment", "rank=1,cutoff=4,switch=cubic"], "switch", "cubic"),
        Fragment("settings-key-twice", ["--fragment", "rank=1,rank=2,cutoff=4"], "rank", "twice"),
        Fragment("settings-unit-charges-miscounted", ["--fragment", "rank=1,cutoff=4,charges=1;0;0"], "dimer.xyz", "unit charges"),
        Fragment("frame-beyond-the-file", ["--frame", "5"], "--frame", "dimer.xyz"),
        Fragment("frame-negative", ["--frame", "-1"], "--frame"),
        Fragment("multiplicity-zero", ["--multiplicity", "0"], "--multiplicity"),
        new BadInputCase("fragment", "odd-electrons", ["fragment", "oh.xyz"], ["oh.xyz", "9 electrons", "--charge"], [])
            .WithFile("oh.xyz", BadInputFiles.HydroxylXyz),
        new BadInputCase("fragment", "cell-too-small", ["fragment", "cell.extxyz", "--cutoff", "4"], ["cell.extxyz", "frame 0", "cutoff"], [])
            .WithFile("cell.extxyz", BadInputFiles.DimerInSmallCell),
        Pool("rank-too-high", ["--cutoff", "4", "--rank", "9"], "--rank"),
        Pool("cutoff-negative", ["--cutoff", "-4"], "--cutoff"),
        Pool("cutoff-missing", [], "--cutoff"),
        Pool("more-settings-misspelt", ["--cutoff", "4", "--fragments", "tool=1.2"], "--fragments", "tool", "tol"),
        new BadInputCase("pool", "pool-output-folder-missing", ["pool", "dimer.xyz", "--cutoff", "4", "-o", "nodir/pool.extxyz.gz"], ["nodir", "does not exist"], ["nodir"])
            .WithFile("dimer.xyz", BadInputCorpus.WaterDimerXyz),
    ];

    public static TheoryData<string> Ids => BadInputCorpus.Ids(Cases);

    [Theory, MemberData(nameof(Ids))]
    public void Fails_cleanly(string id) => BadInputRunner.Check(BadInputCorpus.Find(Cases, id));
}
