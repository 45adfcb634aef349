using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.Data;
using Tessera.FragmentNetworks;
using Tessera.IO;

namespace Tessera.Transfer;

/// <summary>What a refinement is fixed to from its first round on: the model it starts from, the larger system's frames
/// (their pool is built once with the model's fragmentation), the selections the model's training sets came from (its
/// known cells), the data it trained on (replayed in every round so it does not forget), the levels and how to label,
/// the selection settings and the test sets each round is scored on. Paths are kept as given, relative to the folder the
/// command runs in.</summary>
public sealed record RefinementPlan(string Model, string Frames, string[] Known, string[] Replay, string Low, string High, bool Gradients,
                                    RefinementSettings Selection, string[] Tests, int Workers = 2, int Chunk = 8)
{
    public const int CurrentFormat = 1;
    public int Format { get; init; } = CurrentFormat;

    public RefinementPlan Validated()
    {
        Selection.Validated();
        if (Known.Length == 0) throw new ArgumentException("Give the selection the model's training set came from (--known), so the round knows which cells are covered.");
        if (Workers < 1 || Chunk < 1) throw new ArgumentException("Workers and chunk size must be at least 1.");
        foreach (var (what, path) in new[] { ("--model", Model), ("--frames", Frames) }.Concat(Known.Select(k => ("--known", k)))
                     .Concat(Replay.Select(r => ("--replay", r))))
            if (!File.Exists(path)) throw new ArgumentException($"{what} {path}: no such file (paths are relative to the folder the command runs in).");
        return this;
    }

    /// <summary>Test sets not there yet: they are read only when the round is scored, after labelling and training, so they may
    /// still be in the making when a round starts.</summary>
    public IEnumerable<string> MissingTests() => Tests.Where(t => !File.Exists(t));

    /// <summary>Differences from another plan, one line per option ("--budget: 0.05 -> 0.1"), empty when they agree.</summary>
    public IEnumerable<string> DifferencesFrom(RefinementPlan other)
    {
        static string J(object o) => o is string[] a ? string.Join(", ", a) : Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        var pairs = new (string Option, object Mine, object Theirs)[]
        {
            ("--model", Model, other.Model), ("--frames", Frames, other.Frames), ("--known", Known, other.Known), ("--replay", Replay, other.Replay),
            ("--low", Low, other.Low), ("--high", High, other.High), ("--energy-only", !Gradients, !other.Gradients),
            ("--slice-size", Selection.SliceSize, other.Selection.SliceSize), ("--seed", Selection.Seed, other.Selection.Seed),
            ("--new-type-fraction", Selection.NewTypeFraction, other.Selection.NewTypeFraction), ("--test", Tests, other.Tests),
        };
        return pairs.Where(p => J(p.Mine) != J(p.Theirs)).Select(p => $"{p.Option}: {J(p.Theirs)} (first round) -> {J(p.Mine)} (now)");
    }

    public static void Write(string path, RefinementPlan plan) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, plan, TransferJson.Default.RefinementPlan));

    public static RefinementPlan Read(string path)
    {
        var plan = JsonFile.Read(path, TransferJson.Default.RefinementPlan, "refinement plan");
        if (plan.Format != CurrentFormat) throw new FileFormatException(path, 1, $"refinement plan format {plan.Format} is not the supported {CurrentFormat}");
        return plan;
    }
}

/// <summary>One test set's scores (kcal/mol): fragment-level MAE per rank of the learned targets (increments), and for full
/// frames per truncation rank the total-energy MAE against full-system references, raw and after removing the mean signed
/// error, and against the ab initio fragment assembly (NaN where absent); the low level + offset baseline on those frames;
/// Spearman rank correlation of the ensemble spread with the fragment error.</summary>
public sealed record TestScore(string File, double FragmentMae, IReadOnlyList<RankScore> Fragments, IReadOnlyList<FrameScore> Frames,
                               double LowPlusOffset, double SpreadCorrelation);

public sealed record RankScore(int Rank, int Count, double Mae);

public sealed record FrameScore(int Rank, int Count, double Mae, double ShiftedMae, double AssemblyMae);

/// <summary>What a round's selection found: fragments outside the known cells, novelty per type, the slices, and the settings
/// it was made with (budget and pick may change between rounds; null in summaries written before they could).</summary>
public sealed record SelectionSummary(int PoolSize, int Outside, NoveltySummary[] Novelty, SliceSummary[] Slices, RefinementSettings? Settings = null)
{
    public static void Write(string path, SelectionSummary summary) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, summary, TransferJson.Default.SelectionSummary));

    public static SelectionSummary Read(string path) => JsonFile.Read(path, TransferJson.Default.SelectionSummary, "refinement selection summary");
}

/// <summary>What one round did and measured: the pool, how much lay outside the known cells, the slices, what was chosen and
/// labelled (this round and in all), the scores of the model before and after, and the wall time of each stage.</summary>
public sealed record RoundRecord(int Round, DateTime FinishedUtc, string TesseraVersion, string Command, SelectionSummary Selection, int Chosen, int Faces, int LabelledTotal, double LabelledFraction,
                                 IReadOnlyList<TestScore> Before, IReadOnlyList<TestScore> After, double LabelSeconds, double TrainSeconds)
{
    public static void Write(string path, RoundRecord record) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, record, TransferJson.Default.RoundRecord));

    public static RoundRecord Read(string path) => JsonFile.Read(path, TransferJson.Default.RoundRecord, "refinement round record");
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RefinementPlan))]
[JsonSerializable(typeof(RoundRecord))]
[JsonSerializable(typeof(SelectionSummary))]
internal sealed partial class TransferJson : JsonSerializerContext;
