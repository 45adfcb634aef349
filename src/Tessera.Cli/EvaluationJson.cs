using System.Text.Json;
using System.Text.Json.Serialization;
using Tessera.FragmentNetworks;

namespace Tessera.Cli;

/// <summary>The figures of <c>tessera evaluate</c> as JSON (NaN written as "NaN").</summary>
internal static class EvaluationJson
{
    public sealed record Entry(string Model, bool Delta, FragmentLevelJson? Fragments, IReadOnlyList<StructureLevelReport> Structures,
                               IReadOnlyList<string> Notes, FragmentTrainingRecord? Training, IReadOnlyDictionary<string, string> Provenance);

    public sealed record FragmentLevelJson(IReadOnlyList<RankErrors> PerRank, ErrorStatistics All, IReadOnlyList<FragmentPoint> Points,
                                           double SpreadErrorCorrelation, ForceErrors? Forces);

    /// <summary>Force errors per Cartesian component (kcal/mol/A), overall and per rank.</summary>
    public sealed record ForceErrors(ErrorStatistics All, IReadOnlyList<RankErrors> PerRank);

    public sealed record RankErrors(int Rank, ErrorStatistics Errors);

    public static IReadOnlyList<Entry> Entries(IReadOnlyList<ModelEvaluation> results) => results.Select(r => new Entry(
        r.Model, r.Loaded.Delta,
        r.Fragments is { } f ? new FragmentLevelJson(Ranks(f.PerRank), f.All, f.Points, f.SpreadErrorCorrelation,
                                                f.Forces is { } forces ? new ForceErrors(forces.All, Ranks(forces.PerRank)) : null) : null,
        r.Structures, r.Notes, r.Loaded.Training, r.Loaded.Provenance)).ToArray();

    private static RankErrors[] Ranks(IReadOnlyList<(int Rank, ErrorStatistics Errors)> perRank) =>
        perRank.Select(p => new RankErrors(p.Rank, p.Errors)).ToArray();

    public static string Serialize(IReadOnlyList<ModelEvaluation> results) =>
        JsonSerializer.Serialize(Entries(results).ToArray(), EvaluationJsonContext.Default.EntryArray);

    public static void Write(string path, IReadOnlyList<ModelEvaluation> results) => Tessera.IO.AtomicFile.WriteAllText(path, Serialize(results));
}

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EvaluationJson.Entry[]))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
