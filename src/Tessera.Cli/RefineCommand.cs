using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tessera.Core;
using Tessera.Data;
using Tessera.FragmentNetworks;
using Tessera.IO;
using Tessera.Transfer;

namespace Tessera.Cli;

/// <summary><c>tessera refine FOLDER --model M --frames F --known SELECTION --replay DATA... --low L --high H --test T...</c>:
/// one round of transfer of a fragment model to a larger system (issue 14): the pool of the new frames, the fragments
/// outside every known cell, a recursive tessellation of them (<see cref="RefinementSelector"/>), labels of the chosen ones
/// and their faces, a warm-started training on the replayed old data and every round's new data, and scores of the model
/// before and after on the test sets. Each stage is skipped when its output exists, so a killed round continues where it
/// stopped; the next call runs the next round (`tessera refine FOLDER` alone: the plan is stored). Each round is appended to
/// FOLDER/report.md.</summary>
public sealed class RefineCommand : ICliCommand
{
    public Command Build()
    {
        var folder = new Argument<string>("folder") { Description = "Refinement folder (created by the first round; later rounds need only this)" };
        var model = new Option<string?>("--model", "-m") { Description = "Fragment model to refine (the first round's start)" };
        var frames = new Option<string?>("--frames") { Description = "Frames of the larger system (extxyz[.gz]); their pool is built with the model's fragmentation" };
        var known = new Option<string[]>("--known") { Description = "Selection file(s) the model's training sets came from: their cells are what it has seen", AllowMultipleArgumentsPerToken = true };
        var replay = new Option<string[]>("--replay") { Description = "Data sets the model was trained on, trained on again in every round so it does not forget", AllowMultipleArgumentsPerToken = true };
        var low = new Option<string?>("--low") { Description = "Low-level engine for the labels, e.g. xtb:gfn2" };
        var high = new Option<string?>("--high") { Description = "High-level engine for the labels, e.g. psi4:mp2/cc-pvdz" };
        var energyOnly = new Option<bool>("--energy-only") { Description = "Label energies only (default: forces too when the model trained on forces)" };
        var budget = new Option<double?>("--budget") { Description = "Fragments labelled this round (chosen and their faces) as a fraction of the pool [default: the first round's, 0.05]" };
        var pick = new Option<RepresentativePick?>("--pick") { Description = "Which member of each cell is labelled: nearest (to the cell's centroid) or spread (the one the model's ensemble disagrees on most) [default: the first round's, nearest]" };
        var slice = new Option<int?>("--slice-size") { Description = "Largest slice of a type re-tessellated at once [default: 4000]" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the recursive k-means [default: 1]" };
        var tests = new Option<string[]>("--test") { Description = "Held-out fragments and/or frames to score each round on (extxyz[.gz])", AllowMultipleArgumentsPerToken = true };
        var workers = new Option<int?>("--workers") { Description = "Labelling batches at once [default: 2]" };
        var cmd = new Command("refine", "One round of refining a fragment model for a larger system: find where its fragments lie outside the training cells, tessellate those " +
                                        "recursively, label the representatives and their faces, retrain (warm start, with replay) and score before and after; resumable");
        cmd.Arguments.Add(folder);
        foreach (var o in new Option[] { model, frames, known, replay, low, high, energyOnly, budget, pick, slice, seed, tests, workers }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.Run(() => PipelineCli.Guarded(() =>
        {
            var given = new RefinementOptions(pr.GetValue(model), pr.GetValue(frames), pr.GetValue(known) ?? [], pr.GetValue(replay) ?? [], pr.GetValue(low),
                                              pr.GetValue(high), pr.GetValue(energyOnly), pr.GetValue(budget), pr.GetValue(slice), pr.GetValue(seed),
                                              pr.GetValue(tests) ?? [], pr.GetValue(workers), pr.GetValue(pick));
            return Run(new RefinementFolder(pr.GetValue(folder)!), given, ct);
        })));
        return cmd;
    }

    public static int Run(RefinementFolder folder, RefinementOptions given, CancellationToken ct = default)
    {
        var plan = RefinementRun.Plan(folder, given);
        int round = folder.CompletedRounds() + 1;
        string start = folder.StartModel(round, plan);
        Console.WriteLine($"Round {round} of the refinement in {folder.Path}, starting from {start}");
        foreach (var missing in plan.MissingTests())
            Console.WriteLine($"note: test set {missing} does not exist yet; it must by the time this round is scored (after labelling and training).");
        var clock = Stopwatch.StartNew();
        var pool = RefinementRun.Pool(folder, plan);
        var summary = RefinementRun.Select(folder, plan, round, pool, ct);
        if (summary.Outside == 0)
        {
            Console.WriteLine($"Every fragment of the pool lies inside a known cell: nothing left to refine after {round - 1} round(s).");
            return 0;
        }
        int labelled = LabelCommand.Run(new LabelOptions(folder.Pool(plan), folder.Selection(round), plan.Low, plan.High, plan.Gradients, plan.Workers, plan.Chunk,
                                                         Labels: folder.Labels), ct);
        if (labelled is not (0 or 2)) return labelled;
        double labelSeconds = clock.Elapsed.TotalSeconds;
        int labels = RefinementRun.Dataset(folder, plan, round, pool);
        var startModel = FragmentModelFile.Read(start);
        if (!File.Exists(folder.Model(round)))
        {
            var settings = startModel.Training?.Settings ?? throw new ArgumentException($"{start} records no training settings to continue with.");
            int trained = TrainCommand.Run([.. plan.Replay, folder.Dataset(round)], folder.Model(round), null, startModel.LowLevel, settings,
                                           Path.Combine(folder.RoundFolder(round), "model.test.extxyz"), ct, init: start);
            if (trained != 0) return trained;
        }
        double trainSeconds = clock.Elapsed.TotalSeconds - labelSeconds;
        if (plan.MissingTests().FirstOrDefault() is { } absent)
            throw new ArgumentException($"--test {absent}: no such file; labels and model of round {round} are kept, run the same command again once it exists.");
        var before = round == 1 ? RefinementScores.Of(start, plan.Tests, ct) : folder.Records()[^1].After;
        var after = RefinementScores.Of(folder.Model(round), plan.Tests, ct);
        var selection = SelectionFile.Read(folder.Selection(round));
        var record = new RoundRecord(round, DateTime.UtcNow, TesseraVersion.Current, PipelineCli.CommandLine(), summary, selection.ChosenIds().Length,
                                     selection.SelectedIds().Length - selection.ChosenIds().Length, labels, (double)labels / pool.Count,
                                     before, after, labelSeconds, trainSeconds);
        RoundRecord.Write(folder.Record(round), record);
        RefinementReport.Write(folder, RefinementPlan.Read(folder.Plan));
        RefinementReport.PrintRound(record);
        Console.WriteLine($"Round {round} done: model -> {folder.Model(round)}; report -> {folder.Report}. " +
                          (RefinementReport.StillFalling(folder.Records()) ? "The held-out fragment error fell: run 'tessera refine " + folder.Path + "' for the next round."
                                                                           : "The held-out fragment error did not fall this round: the refinement has converged; keep the model of the best round."));
        return 0;
    }
}

/// <summary>The options of <c>tessera refine</c> as given (null or empty: not given; the stored plan's value then).</summary>
public sealed record RefinementOptions(string? Model, string? Frames, string[] Known, string[] Replay, string? Low, string? High, bool EnergyOnly,
                                       double? Budget, int? SliceSize, int? Seed, string[] Tests, int? Workers, RepresentativePick? Pick = null);
