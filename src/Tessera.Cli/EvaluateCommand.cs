using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Models;
using Tessera.Potentials;

namespace Tessera.Cli;

/// <summary>Everything one model's evaluation found (for tables, JSON and the HTML report).</summary>
public sealed record ModelEvaluation(string Model, FragmentNetworkModel Loaded, FragmentLevelReport? Fragments,
                                     IReadOnlyList<StructureLevelReport> Structures, IReadOnlyList<string> Notes);

/// <summary><c>tessera evaluate --model M [--model M2] FRAMES</c>: labelled fragments give fragment-level errors per rank;
/// full structures give total-energy errors against their full-system high-level energy (info key) and, with --high, against
/// the ab initio fragment assembly, for every truncation rank; several models are compared side by side.</summary>
public sealed class EvaluateCommand : ICliCommand
{
    public Command Build()
    {
        var frames = new Argument<string[]>("frames") { Description = "Labelled fragments (data set) and/or full structures (extxyz)", Arity = ArgumentArity.OneOrMore };
        var models = new Option<string[]>("--model", "-m") { Description = "Fragment model file(s); repeat to compare (e.g. tessellation vs random)", Required = true };
        var low = new Option<string?>("--low") { Description = "Low-level engine (default: the model's)" };
        var high = new Option<string?>("--high") { Description = "High-level engine for the ab initio fragment reference (e.g. psi4:mp2/cc-pvdz)" };
        var key = new Option<string>("--reference-key") { Description = "Info key of the full-system high-level energy (eV)", DefaultValueFactory = _ => "energy_high" };
        var ranks = new Option<string?>("--ranks") { Description = "Truncation ranks for full structures, e.g. 0,1,2,3 (default: 0..model rank)" };
        var json = new Option<string?>("--json") { Description = "Write every figure as JSON" };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report (plots open offline)" };
        var allow = new Option<bool>(LevelGuard.Option) { Description = "Compare even when the references or --low/--high come from other levels than the model's" };
        var cmd = new Command("evaluate", "Evaluate fragment models on held-out fragments and full structures");
        cmd.Arguments.Add(frames);
        foreach (var o in new Option[] { models, low, high, key, ranks, json, html, allow }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.FromResult(PipelineCli.Guarded(() =>
        {
            foreach (var target in new[] { pr.GetValue(json), pr.GetValue(html) }.OfType<string>()) AtomicFile.RequireFolder(target);
            var all = pr.GetValue(frames)!.SelectMany(f => StructureFile.Read(f)).ToList();
            var results = pr.GetValue(models)!.Select(m => Evaluate(m, all, pr.GetValue(low), pr.GetValue(high), pr.GetValue(key)!,
                                                                   ParseRanks(pr.GetValue(ranks)), ct, pr.GetValue(allow))).ToList();
            foreach (var r in results) Print(r);
            if (results.Count > 1) PrintComparison(results);
            PrintBaseline(all.Where(f => !FragmentSchema.HasType(f)).ToList(), pr.GetValue(key)!);
            if (pr.GetValue(json) is { } path) EvaluationJson.Write(path, results);
            if (pr.GetValue(html) is { } page) Console.WriteLine($"Report -> {page} (SVG figures in {EvaluationReportHtml.Write(page, results)})");
            return 0;
        })));
        return cmd;
    }

    private static int[]? ParseRanks(string? text) => text is null ? null : CliOptions.IntList("--ranks", text, 0, FragmentSettings.MaxRank);

    public static ModelEvaluation Evaluate(string modelPath, IReadOnlyList<Structure> frames, string? lowSpec, string? highSpec, string key,
                                           int[]? ranks, CancellationToken ct, bool allowLevelMismatch = false)
    {
        var model = FragmentModelFile.Read(modelPath);
        var fragments = frames.Where(FragmentEvaluation.IsFragment).ToList();
        var structures = frames.Where(f => !FragmentSchema.HasType(f)).ToList();
        CheckLevels(modelPath, model, fragments, structures, lowSpec, highSpec, key, ranks, allowLevelMismatch);
        var notes = new List<string>();
        // Labelled fragments above the model's rank (a test set made for higher ranks) have no networks to compare.
        int above = fragments.RemoveAll(f => FragmentSchema.Rank(f) > model.Fragmentation.Rank);
        if (above > 0) notes.Add($"{above} labelled fragments above the model's rank {model.Fragmentation.Rank} left out of the fragment-level errors.");
        var fragmentReport = fragments.Count > 0 ? OnFragments(modelPath, model, fragments, ct) : null;
        var levels = new List<StructureLevelReport>();
        if (structures.Count > 0)
        {
            lowSpec ??= model.LowLevel;
            if (model.Delta && lowSpec is null) throw new ArgumentException($"{modelPath} does not record its low level: give --low.");
            var low = model.Delta ? ModelLoader.Load(lowSpec!, "--low") : null;
            var high = highSpec is null ? null : ModelLoader.Load(highSpec, "--high");
            foreach (int r in ranks ?? Enumerable.Range(0, model.Fragmentation.Rank + 1).ToArray())
            {
                var settings = model.Fragmentation with { Rank = r };
                var reference = high is null ? null : new FragmentPotential(high, low, settings);
                try
                {
                    int done = 0; // structures finished: the index of the one that failed
                    levels.Add(CliFragments.Where(() => $"{modelPath} at R = {r} on full structure {done} (counting from 0)", () =>
                        CliProgress.Run($"{Path.GetFileName(modelPath)} R = {r}", structures.Count, p =>
                            FragmentEvaluation.Structures(model, low, structures, settings, key, reference, ct,
                                                          new CliCommon.Immediate<int>(k => { done = k; p.Report(k); })))));
                }
                catch (UnknownFragmentTypeException e) { notes.Add($"R = {r}: {e.Message}"); }
            }
        }
        return new ModelEvaluation(modelPath, model, fragmentReport, levels, notes);
    }

    /// <summary>Every level the comparison mixes with the model's: --low (delta models), --high, the labelled fragments'
    /// engines and the calculators of the structures' reference energies.</summary>
    private static void CheckLevels(string modelPath, FragmentNetworkModel model, List<Structure> fragments, List<Structure> structures,
                                    string? lowSpec, string? highSpec, string key, int[]? ranks, bool allow)
    {
        var trainedLow = (model.LowLevel, $"the low level of {modelPath}");
        var trainedHigh = (model.HighLevel, $"the high level {modelPath} was trained on");
        if (model.Delta && lowSpec is not null) LevelGuard.Require("low level", trainedLow, (lowSpec, "--low"), allow);
        if (highSpec is not null) LevelGuard.Require("high level", trainedHigh, (highSpec, "--high"), allow);
        foreach (var f in fragments.Select(f => f.Info.GetValueOrDefault("high_engine") as string).OfType<string>().Distinct())
            LevelGuard.Require("high level", trainedHigh, (f, "the labelled fragments' high_engine"), allow);
        string Calculator(string k) => k == "energy" ? "calculator" : k + "_calculator";
        var keys = new List<string> { key };
        if (highSpec is null) keys.AddRange((ranks ?? Enumerable.Range(0, model.Fragmentation.Rank + 1)).Select(FragmentEvaluation.FragmentReferenceKey));
        foreach (var k in keys)
            foreach (var c in structures.Select(s => s.Info.GetValueOrDefault(Calculator(k)) as string).OfType<string>().Distinct())
                LevelGuard.Require("high level", trainedHigh, (c, $"the structures' reference {k} ({Calculator(k)})"), allow);
    }

    /// <summary>Fragment-level errors; a fragment type the model lacks (parallel work, so an aggregate) is reported
    /// once, naming the model.</summary>
    private static FragmentLevelReport OnFragments(string modelPath, FragmentNetworkModel model, List<Structure> fragments, CancellationToken ct)
    {
        try { return FragmentEvaluation.Fragments(model, fragments, ct); }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.FirstOrDefault(i => i is UnknownFragmentTypeException) is { } unknown)
        {
            throw new ArgumentException($"{modelPath} does not fit the labelled fragments: {unknown.Message}", unknown);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{modelPath} does not fit the labelled fragments: {e.Message}", e);
        }
    }

    private static void Print(ModelEvaluation e)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(e.Model)}[/] ({(e.Loaded.Delta ? "delta" : "absolute")}, {(e.Loaded.Target == FragmentTarget.Increment ? "many-body increments" : "fragment energies")}, {e.Loaded.Types.Count} types x {e.Loaded.EnsembleSize})");
        if (e.Fragments is { } f)
        {
            var t = new Table().AddColumns("rank", "fragments", "MAE", "RMSE", "mean signed");
            foreach (var (rank, s) in f.PerRank) t.AddRow(rank.ToString(CultureInfo.InvariantCulture), N(s.Count), K(s.Mae), K(s.Rmse), K(s.MeanSignedError));
            t.AddRow("all", N(f.All.Count), K(f.All.Mae), K(f.All.Rmse), K(f.All.MeanSignedError));
            CliTable.Write(t);
            AnsiConsole.WriteLine($"Fragment {(e.Loaded.Target == FragmentTarget.Increment ? "increments" : "corrections")} (kcal/mol). Spearman(spread, |error|) = {K(f.SpreadErrorCorrelation)}");
            if (f.Forces is { } forces)
                AnsiConsole.WriteLine($"Fragment forces per Cartesian component (kcal/mol/A): MAE {K(forces.All.Mae)}, RMSE {K(forces.All.Rmse)} over {N(forces.All.Count)} components.");
        }
        if (e.Structures.Count > 0)
        {
            var t = new Table().AddColumns("R", "frames", "MAE vs full", "MAE-MSE vs full", "RMSE vs full", "MAE vs fragments", "MAE-MSE vs fragments", "Spearman(spread,|err|)");
            foreach (var s in e.Structures)
                t.AddRow(N(s.Rank), N(s.Points.Count), K(s.VersusFull.Mae), K(s.VersusFull.ShiftedMae), K(s.VersusFull.Rmse),
                         K(s.VersusFragments.Mae), K(s.VersusFragments.ShiftedMae), K(s.SpreadErrorCorrelation));
            CliTable.Write(t);
            AnsiConsole.WriteLine("Total energies (kcal/mol); MAE-MSE: MAE after removing the mean signed error; '-': reference absent.");
        }
        foreach (var n in e.Notes) Console.WriteLine(n);
    }

    private static void PrintComparison(IReadOnlyList<ModelEvaluation> results)
    {
        var t = new Table().AddColumns("model", "selection", "target", "training fragments", "fragment MAE", "total MAE vs full (model R)",
                                       "MAE-MSE vs full", "MAE vs fragments");
        foreach (var r in results)
        {
            var sel = r.Loaded.Provenance.GetValueOrDefault("selection_method", "?");
            var atRank = r.Structures.FirstOrDefault(s => s.Rank == r.Loaded.Fragmentation.Rank);
            t.AddRow(Markup.Escape(r.Model), Markup.Escape(sel), r.Loaded.Target.ToString().ToLowerInvariant(),
                     N(r.Loaded.Training?.Types.Sum(x => x.Train) ?? 0), K(r.Fragments?.All.Mae ?? double.NaN),
                     K(atRank?.VersusFull.Mae ?? double.NaN), K(atRank?.VersusFull.ShiftedMae ?? double.NaN),
                     K(atRank?.VersusFragments.Mae ?? double.NaN));
        }
        CliTable.Write(t);
    }

    /// <summary>The figure a learned correction has to beat: the low level alone plus one constant offset, on the structures
    /// that carry both the low-level energy (info <see cref="LowEnergyKey"/>) and the reference; null when none does.</summary>
    public static ErrorStatistics? Baseline(IEnumerable<Structure> structures, string key)
    {
        double? Get(Structure s, string k) => s.Info.TryGetValue(k, out var v) && v is double d ? d : null;
        var errors = structures.Where(s => !FragmentSchema.HasType(s) && Get(s, LowEnergyKey) is not null && Get(s, key) is not null)
            .Select(s => (Get(s, LowEnergyKey)!.Value - Get(s, key)!.Value) / Units.KcalPerMol).ToArray();
        return errors.Length == 0 ? null : ErrorStatistics.Of(errors);
    }

    private static void PrintBaseline(List<Structure> structures, string key)
    {
        if (Baseline(structures, key) is not { } e) return;
        Console.WriteLine($"Baseline, the low level alone ({LowEnergyKey}) on {e.Count} structures: MAE vs full {K(e.Mae)}, " +
                          $"MAE-MSE vs full {K(e.ShiftedMae)} kcal/mol (the low level + offset).");
    }

    /// <summary>Info key of a structure's full-system low-level energy (eV), as the shipped held-out frames carry it.</summary>
    public const string LowEnergyKey = "energy_low";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string K(double x) => TrainCommand.K(x);
}
