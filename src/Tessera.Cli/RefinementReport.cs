using System.Globalization;
using System.Text;
using Spectre.Console;
using Tessera.IO;
using Tessera.Transfer;

namespace Tessera.Cli;

/// <summary>The refinement's report (FOLDER/report.md, rewritten from every round's record after each round) and the table a
/// round prints: what lay outside the known cells and what was labelled, and the scores of the model before the first round
/// and after each, per test set (kcal/mol).</summary>
internal static class RefinementReport
{
    /// <summary><paramref name="plan"/>: the stored plan (the first round's options; rounds written before budget and pick
    /// could change used its).</summary>
    public static void Write(RefinementFolder folder, RefinementPlan plan)
    {
        var records = folder.Records();
        var md = new StringBuilder();
        md.AppendLine($"# Refinement of {plan.Model} for {plan.Frames}").AppendLine()
          .AppendLine($"Known cells: {string.Join(", ", plan.Known)}; replayed data: {(plan.Replay.Length == 0 ? "none" : string.Join(", ", plan.Replay))}; " +
                      $"labels: low {plan.Low}, high {plan.High}{(plan.Gradients ? ", with forces" : ", energies only")}; budget {F(plan.Selection.Budget)} of the pool " +
                      $"in the first round, slices of at most {plan.Selection.SliceSize}, seed {plan.Selection.Seed}. Written by Tessera {Core.TesseraVersion.Current}.").AppendLine()
          .AppendLine("| round | finished (UTC) | outside known cells | budget, pick | chosen | faces | labelled so far | label s | train s |")
          .AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in records)
            md.AppendLine($"| {r.Round} | {r.FinishedUtc:yyyy-MM-dd HH:mm} | {r.Selection.Outside} of {r.Selection.PoolSize} ({P(r.Selection.Outside, r.Selection.PoolSize)}) | " +
                          $"{Choice(r.Selection.Settings ?? plan.Selection)} | {r.Chosen} | {r.Faces} | {r.LabelledTotal} ({F(100 * r.LabelledFraction, "0.0")}%) | {F(r.LabelSeconds, "0")} | {F(r.TrainSeconds, "0")} |");
        md.AppendLine().AppendLine("Commands: " + string.Join("; ", records.Select(r => $"round {r.Round}: `{r.Command}`"))).AppendLine();
        foreach (int t in Enumerable.Range(0, plan.Tests.Length)) Scores(md, records, t);
        AtomicFile.WriteAllText(folder.Report, md.ToString());
    }

    private static void Scores(StringBuilder md, IReadOnlyList<RoundRecord> records, int test)
    {
        if (records.Count == 0) return;
        var rows = new List<(string Model, TestScore Score)> { ("start", records[0].Before[test]) };
        rows.AddRange(records.Select(r => ($"after round {r.Round}", r.After[test])));
        var first = rows[0].Score;
        md.AppendLine($"## {first.File}").AppendLine();
        if (first.Fragments.Count > 0)
        {
            var ranks = first.Fragments.Select(f => f.Rank).ToArray();
            md.AppendLine("Learned targets (many-body increments), MAE per rank, kcal/mol:").AppendLine()
              .AppendLine("| model | " + string.Join(" | ", ranks.Select(r => $"rank {r} ({first.Fragments.First(f => f.Rank == r).Count})")) + " | all | Spearman(spread, abs error) |")
              .AppendLine("|---|" + string.Concat(ranks.Select(_ => "---|")) + "---|---|");
            foreach (var (model, s) in rows)
                md.AppendLine($"| {model} | " + string.Join(" | ", ranks.Select(r => F(s.Fragments.FirstOrDefault(f => f.Rank == r)?.Mae ?? double.NaN))) +
                              $" | {F(s.FragmentMae)} | {F(s.SpreadCorrelation, "0.00")} |");
            md.AppendLine();
        }
        if (first.Frames.Count > 0)
        {
            md.AppendLine($"Total energies of {first.Frames[0].Count} frames, kcal/mol (raw MAE / after removing the mean signed error / against the ab initio " +
                          $"fragment assembly at that R); the low level + offset: {F(first.LowPlusOffset)}:").AppendLine()
              .AppendLine("| model | " + string.Join(" | ", first.Frames.Select(f => $"R = {f.Rank}")) + " |")
              .AppendLine("|---|" + string.Concat(first.Frames.Select(_ => "---|")));
            foreach (var (model, s) in rows)
                md.AppendLine($"| {model} | " + string.Join(" | ", s.Frames.Select(f => $"{F(f.Mae)} / {F(f.ShiftedMae)} / {F(f.AssemblyMae)}")) + " |");
            md.AppendLine();
        }
    }

    public static void PrintRound(RoundRecord r)
    {
        var table = new Table().AddColumns("test set", "what", "before", "after");
        for (int t = 0; t < r.After.Count; t++)
        {
            var (b, a) = (r.Before[t], r.After[t]);
            if (a.Fragments.Count > 0)
            {
                foreach (var f in a.Fragments)
                    table.AddRow(Markup.Escape(a.File), $"rank {f.Rank} fragments, MAE", F(b.Fragments.FirstOrDefault(x => x.Rank == f.Rank)?.Mae ?? double.NaN), F(f.Mae));
                table.AddRow(Markup.Escape(a.File), "all fragments, MAE", F(b.FragmentMae), F(a.FragmentMae));
            }
            foreach (var f in a.Frames)
            {
                var before = b.Frames.FirstOrDefault(x => x.Rank == f.Rank);
                table.AddRow(Markup.Escape(a.File), $"R = {f.Rank} totals, after offset / vs assembly",
                             $"{F(before?.ShiftedMae ?? double.NaN)} / {F(before?.AssemblyMae ?? double.NaN)}", $"{F(f.ShiftedMae)} / {F(f.AssemblyMae)}");
            }
            if (!double.IsNaN(a.LowPlusOffset)) table.AddRow(Markup.Escape(a.File), "low level + offset", F(a.LowPlusOffset), F(a.LowPlusOffset));
        }
        CliTable.Write(table);
        Console.WriteLine($"kcal/mol. Labelled so far: {r.LabelledTotal} fragments, {100 * r.LabelledFraction:F1}% of the pool.");
    }

    /// <summary>Whether the last round lowered the fragment error of the first test set with fragments (true when there is none).</summary>
    public static bool StillFalling(IReadOnlyList<RoundRecord> records)
    {
        var last = records[^1];
        int t = Enumerable.Range(0, last.After.Count).FirstOrDefault(i => last.After[i].Fragments.Count > 0, -1);
        return t < 0 || last.After[t].FragmentMae < last.Before[t].FragmentMae;
    }

    private static string F(double x, string format = "0.000") => double.IsNaN(x) ? "-" : x.ToString(format, CultureInfo.InvariantCulture);
    private static string Choice(RefinementSettings s) => $"{F(s.Budget)}, {s.Pick.ToString().ToLowerInvariant()}";
    private static string P(int n, int of) => of == 0 ? "-" : (100.0 * n / of).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
