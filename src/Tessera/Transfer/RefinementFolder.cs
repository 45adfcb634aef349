using Tessera.Data;

namespace Tessera.Transfer;

/// <summary>The files of a refinement, one folder per round, so that every stage can be skipped once its output is there and
/// a killed round resumes: <c>plan.json</c>, <c>FRAMES-refinement-pool.extxyz.gz</c> (the larger system's fragments, built once),
/// <c>labels.sqlite</c> (one label store and engine cache for all rounds), <c>round-N/</c> with <c>selection.json.gz</c>,
/// <c>dataset.extxyz.gz</c> (every round's labelled fragments so far), <c>model.json</c> and <c>round.json</c> (written
/// last: the round is complete), and <c>report.md</c> over all rounds.</summary>
public sealed class RefinementFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string Plan => File("plan.json");
    /// <summary>The pool is named after the frames: data sets key a fragment's faces by pool file name, so two pools must not
    /// share one (the small system's data may come from a pool called pool.extxyz.gz).</summary>
    public string Pool(RefinementPlan plan) => File(PoolName(plan.Frames));

    public static string PoolName(string frames)
    {
        var name = System.IO.Path.GetFileName(frames);
        foreach (var ext in new[] { ".gz", ".extxyz", ".xyz" }) if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) name = name[..^ext.Length];
        return $"{name}-refinement-pool.extxyz.gz";
    }
    public string Labels => File("labels.sqlite");
    public string Report => File("report.md");
    public string RoundFolder(int round) => File($"round-{round}");
    public string Selection(int round) => System.IO.Path.Combine(RoundFolder(round), "selection.json.gz");
    public string Dataset(int round) => System.IO.Path.Combine(RoundFolder(round), "dataset.extxyz.gz");
    public string SelectionSummary(int round) => System.IO.Path.Combine(RoundFolder(round), "selection-summary.json");
    public string Model(int round) => System.IO.Path.Combine(RoundFolder(round), "model.json");
    public string Record(int round) => System.IO.Path.Combine(RoundFolder(round), "round.json");

    /// <summary>Rounds finished (1, 2, ... with a round record), in order.</summary>
    public int CompletedRounds()
    {
        int n = 0;
        while (System.IO.File.Exists(Record(n + 1))) n++;
        return n;
    }

    public IReadOnlyList<RoundRecord> Records() => Enumerable.Range(1, CompletedRounds()).Select(r => RoundRecord.Read(Record(r))).ToArray();

    /// <summary>The model a round starts from: the previous round's, or the plan's for the first.</summary>
    public string StartModel(int round, RefinementPlan plan) => round == 1 ? plan.Model : Model(round - 1);

    /// <summary>The cells known before a round: the plan's selections and every earlier round's.</summary>
    public IReadOnlyList<SelectionDocument> Known(int round, RefinementPlan plan) =>
        [.. plan.Known.Select(SelectionFile.Read), .. Enumerable.Range(1, round - 1).Select(r => SelectionFile.Read(Selection(r)))];

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
