using System.Globalization;
using Spectre.Console;
using Tessera.Data;
using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Transfer;

namespace Tessera.Cli;

/// <summary>The stages of a refinement round that `tessera refine` wires: the stored plan, the pool, the selection and the
/// cumulative data set; each reuses its output when it is there.</summary>
internal static class RefinementRun
{
    /// <summary>The stored plan (given options must agree with it), or a new one from the options of a first round.</summary>
    public static RefinementPlan Plan(RefinementFolder folder, RefinementOptions g)
    {
        if (File.Exists(folder.Plan))
        {
            var stored = RefinementPlan.Read(folder.Plan);
            var wanted = stored with
            {
                Model = g.Model ?? stored.Model, Frames = g.Frames ?? stored.Frames, Known = g.Known.Length > 0 ? g.Known : stored.Known,
                Replay = g.Replay.Length > 0 ? g.Replay : stored.Replay, Low = g.Low ?? stored.Low, High = g.High ?? stored.High,
                Gradients = stored.Gradients && !g.EnergyOnly, Tests = g.Tests.Length > 0 ? g.Tests : stored.Tests, Workers = g.Workers ?? stored.Workers,
                Selection = stored.Selection with { SliceSize = g.SliceSize ?? stored.Selection.SliceSize, Seed = g.Seed ?? stored.Selection.Seed },
            };
            var differences = wanted.DifferencesFrom(stored).ToArray();
            if (differences.Length > 0)
                throw new ArgumentException($"{folder.Plan} fixes the options of this refinement since its first round, and {string.Join("; ", differences)}. " +
                                            "Run 'tessera refine FOLDER' with no options (or the same ones) to continue, or give a new folder to start another refinement " +
                                            "(only --budget and --pick may change from round to round).");
            // What to label is a choice per round (the selection summary keeps it); everything else is fixed by the first round.
            return (wanted with { Selection = wanted.Selection with { Budget = g.Budget ?? stored.Selection.Budget, Pick = g.Pick ?? stored.Selection.Pick } }).Validated();
        }
        string Required(string? value, string option) => value ?? throw new ArgumentException(
            $"{folder.Plan} does not exist yet, so this is a first round: give {option} (and --model, --frames, --known, --low, --high).");
        var model = FragmentModelFile.Read(Required(g.Model, "--model"));
        if (g.Known.Length == 0) Required(null, "--known");
        var plan = new RefinementPlan(g.Model!, Required(g.Frames, "--frames"), g.Known, g.Replay, Required(g.Low, "--low"), Required(g.High, "--high"),
                                      model.Training?.UsedForces == true && !g.EnergyOnly,
                                      new RefinementSettings(g.Budget ?? 0.05, g.SliceSize ?? 4000, g.Seed ?? 1, Pick: g.Pick ?? RepresentativePick.Nearest),
                                      g.Tests, g.Workers ?? 2).Validated();
        LabelCommand.CheckEngines(plan.Low, plan.High);
        Directory.CreateDirectory(folder.Path);
        RefinementPlan.Write(folder.Plan, plan);
        return plan;
    }

    /// <summary>The larger system's pool, built once with the starting model's fragmentation.</summary>
    public static IReadOnlyList<PoolFragment> Pool(RefinementFolder folder, RefinementPlan plan)
    {
        string path = folder.Pool(plan);
        if (File.Exists(path)) return FragmentPool.Read(path);
        var settings = FragmentModelFile.Read(plan.Model).Fragmentation;
        var frames = StructureFile.Read(plan.Frames).ToList();
        if (frames.Count == 0) throw new ArgumentException($"{plan.Frames} holds no frames.");
        var pool = CliFragments.Where(plan.Frames, () => FragmentPoolBuilder.Build(frames, settings));
        FragmentPool.Write(path, pool);
        Console.WriteLine($"Pool of {pool.Count} fragments from {frames.Count} frames of {plan.Frames} ({settings}) -> {path}");
        return FragmentPool.Read(path);
    }

    /// <summary>The round's selection: fragments outside the known cells, tessellated recursively; made once.</summary>
    public static SelectionSummary Select(RefinementFolder folder, RefinementPlan plan, int round, IReadOnlyList<PoolFragment> pool, CancellationToken ct)
    {
        Directory.CreateDirectory(folder.RoundFolder(round));
        if (File.Exists(folder.Selection(round)) && File.Exists(folder.SelectionSummary(round)))
            return SelectionSummary.Read(folder.SelectionSummary(round));
        var model = FragmentModelFile.Read(folder.StartModel(round, plan));
        var chosen = RefinementSelector.Select(pool, folder.Known(round, plan), model, plan.Selection, Path.GetFileName(folder.Pool(plan)), ct);
        var summary = new SelectionSummary(pool.Count, chosen.Outside, Novelty.Summarise(chosen.Novelty), [.. chosen.Slices], plan.Selection);
        SelectionFile.Write(folder.Selection(round), chosen.Selection);
        SelectionSummary.Write(folder.SelectionSummary(round), summary);
        Print(summary, chosen.Selection);
        return summary;
    }

    /// <summary>Every round's chosen fragments and faces so far, labelled, as one data set; returns how many it holds.</summary>
    public static int Dataset(RefinementFolder folder, RefinementPlan plan, int round, IReadOnlyList<PoolFragment> pool)
    {
        var union = SelectionUnion.Of(Enumerable.Range(1, round).Select(r => SelectionFile.Read(folder.Selection(r))).ToArray());
        var store = new LabelStore(folder.Labels, create: false);
        var provenance = new DatasetProvenance(PipelineCli.CommandLine(), Path.GetFileName(folder.Pool(plan)), $"round-1..{round}/selection.json.gz",
                                               Path.GetFileName(folder.Labels), DateTime.UtcNow);
        var data = DatasetBuilder.Build(pool, union, store, provenance);
        if (data.Frames.Count == 0) throw new ArgumentException($"No fragment chosen so far is labelled at both levels in {folder.Labels}.");
        StructureFile.Write(folder.Dataset(round), data.Frames, StructureFile.ExtXyzFormat);
        Console.WriteLine($"{data.Frames.Count} labelled fragments of rounds 1..{round} -> {folder.Dataset(round)}" +
                          (data.Unlabelled.Count + data.Failed.Count > 0 ? $" ({data.Unlabelled.Count} not labelled yet, {data.Failed.Count} failed: left out)" : ""));
        return data.Frames.Count;
    }

    private static void Print(SelectionSummary summary, SelectionDocument selection)
    {
        var table = new Table().AddColumns("rank", "type", "fragments", "outside", "distance median", "slices", "cells", "loosest / target", "chosen", "faces");
        foreach (var t in summary.Novelty)
        {
            var slices = summary.Slices.Where(s => s.Type == t.Type).ToArray();
            var type = selection.ForType(t.Type);
            double? loosest = slices.Length == 0 || slices.All(s => s.Looseness is null) ? null : slices.Max(s => s.Looseness ?? 0);
            table.AddRow(N(t.Rank), Markup.Escape(t.Type), N(t.Count), N(t.Outside), F(t.MedianDistance), N(slices.Length), N(slices.Sum(s => s.Cells)),
                         F(loosest), N(type?.Selected.Length ?? 0), N(type?.FaceIds.Length ?? 0));
        }
        CliTable.Write(table);
        Console.WriteLine($"{summary.Outside} of {summary.PoolSize} fragments lie outside the known cells; {selection.ChosenIds().Length} chosen and " +
                          $"{selection.SelectedIds().Length - selection.ChosenIds().Length} faces to label ({100.0 * selection.SelectedIds().Length / summary.PoolSize:F1}% of the pool). " +
                          "loosest / target: the widest cell's radius over the known median cell radius (at most 1: as tight as the known cells).");
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string F(double? x) => x is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
