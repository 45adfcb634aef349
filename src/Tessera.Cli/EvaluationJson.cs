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
                                           double SpreadErrorCorrelation);

    public sealed record RankErrors(int Rank, ErrorStatistics Errors);

    public static IReadOnlyList<Entry> Entries(IReadOnlyList<ModelEvaluation> results) => results.Select(r => new Entry(
        r.Model, r.Loaded.Delta,
        r.Fragments is { } f ? new FragmentLevelJson(f.PerRank.Select(p => new RankErrors(p.Rank, p.Errors)).ToArray(), f.All, f.Points, f.SpreadErrorCorrelation) : null,
        r.Structures, r.Notes, r.Loaded.Training, r.Loaded.Provenance)).ToArray();

    public static string Serialize(IReadOnlyList<ModelEvaluation> results) =>
        JsonSerializer.Serialize(Entries(results).ToArray(), EvaluationJsonContext.Default.EntryArray);

    public static void Write(string path, IReadOnlyList<ModelEvaluation> results) => Tessera.IO.AtomicFile.WriteAllText(path, Serialize(results));
}

[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
                             NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EvaluationJson.Entry[]))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
