using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tessera.Data;
using Tessera.FragmentNetworks;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera novelty POOL --selection TRAINING_SELECTION [-m MODEL] [--json OUT]</c>: where a new pool (for example
/// of a larger cluster) lies against the tessellation the training set came from, and the model's ensemble spread: per type
/// and rank the share outside the training cells, the median and 90th percentile of the distance and of the spread.</summary>
public sealed class NoveltyCommand : ICliCommand
{
    /// <summary>The --json file: the summary per type and every fragment's values.</summary>
    public sealed record Report(string Pool, string Selection, string? Model, NoveltySummary[] Types, NoveltyPoint[] Fragments);

    public Command Build()
    {
        var pool = new Argument<string>("pool") { Description = "Fragment pool to examine (extxyz[.gz], from 'tessera pool')" };
        var selection = new Option<string>("--selection") { Description = "Selection file the training set was made from (its tessellation per type)", Required = true };
        var model = new Option<string?>("--model", "-m") { Description = "Fragment model file: adds each fragment's ensemble spread (kcal/mol)" };
        var json = new Option<string?>("--json") { Description = "Write the summary and every fragment's distance, relative distance and spread as JSON" };
        var cmd = new Command("novelty", "Where a fragment pool lies outside a training tessellation: distance to the nearest training centroid and ensemble spread per fragment type");
        cmd.Arguments.Add(pool);
        foreach (var o in new Option[] { selection, model, json }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(pr.GetValue(pool)!, pr.GetValue(selection)!, pr.GetValue(model), pr.GetValue(json), ct)));
        return cmd;
    }

    public static int Run(string poolPath, string selectionPath, string? modelPath, string? jsonPath, CancellationToken ct = default) => PipelineCli.Guarded(() =>
    {
        if (jsonPath is not null) AtomicFile.RequireFolder(jsonPath);
        var pool = FragmentPool.Read(poolPath);
        var training = SelectionFile.Read(selectionPath);
        var model = modelPath is null ? null : FragmentModelFile.Read(modelPath);
        var points = Novelty.Of(pool, training, model, ct);
        var summary = Novelty.Summarise(points);
        Print(summary, model is not null);
        int outside = points.Count(p => p.IsOutside);
        Console.WriteLine($"{outside} of {points.Length} fragments of {poolPath} ({Percent(outside, points.Length)}) lie outside the training cells of " +
                          $"{selectionPath} (nearest centroid farther than that cell's radius, or a type it never saw).");
        if (jsonPath is not null)
        {
            var report = new Report(Path.GetFileName(poolPath), Path.GetFileName(selectionPath), modelPath is null ? null : Path.GetFileName(modelPath), summary, points);
            AtomicFile.Write(jsonPath, s => JsonSerializer.Serialize(s, report, CliJson.Default.NoveltyReport));
            Console.WriteLine($"Every fragment's values -> {jsonPath}");
        }
        return 0;
    });

    private static void Print(NoveltySummary[] types, bool spread)
    {
        var table = new Table().AddColumns("rank", "type", "fragments", "outside", "distance median", "distance p90");
        if (spread) table.AddColumns("spread median", "spread p90");
        foreach (var t in types)
        {
            var row = new List<string> { t.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(t.Type), t.Count.ToString(CultureInfo.InvariantCulture),
                                         Percent(t.Outside, t.Count), Format(t.MedianDistance), Format(t.Distance90) };
            if (spread) row.AddRange([Format(t.MedianSpread), Format(t.Spread90)]);
            table.AddRow(row.ToArray());
        }
        CliTable.Write(table);
        Console.WriteLine("distance: to the nearest training centroid of the type, in standardised descriptor units; outside: beyond that cell's radius, " +
                          "or a new type ('-' distances)" + (spread ? "; spread: ensemble standard deviation, kcal/mol" : "") + ".");
    }

    private static string Format(double? x) => x is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
    private static string Percent(int n, int of) => of == 0 ? "-" : (100.0 * n / of).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
