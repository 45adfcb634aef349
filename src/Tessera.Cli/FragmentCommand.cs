using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Core;
using Tessera.Engines;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera fragment IN --rank R --cutoff C [--on R_ON] [--json]</c>: units, graph, simplex
/// counts and coefficients of one frame; with <c>--high SPEC [--low SPEC]</c> also the assembled energy
/// for every rank 0..R against the full high-level energy.</summary>
public sealed class FragmentCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Structure file (xyz, extxyz, n2p2)" };
        var rank = new Option<int>("--rank", "-r") { Description = "Highest simplex rank R", DefaultValueFactory = _ => 2 }.Between(0, FragmentSettings.MaxRank);
        var cutoff = new Option<double>("--cutoff", "-c") { Description = "Edge cutoff r_off (Angstrom, closest heavy atoms)", DefaultValueFactory = _ => 4.5 }.Positive();
        var on = new Option<double?>("--on") { Description = "Switch start r_on (Angstrom); default r_off (hard cutoff)" };
        var settingsText = new Option<string?>("--fragment") { Description = "Full settings 'rank=R,cutoff=C,on=...' (overrides --rank/--cutoff/--on)" };
        var frame = new Option<int>("--frame") { Description = "Frame index in the file", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var high = new Option<string?>("--high") { Description = "High-level engine, e.g. psi4:mp2/cc-pvdz: report energies for R = 0..rank" };
        var low = new Option<string?>("--low") { Description = "Low-level engine, e.g. xtb:gfn2 (omit for a plain many-body expansion)" };
        var cache = new Option<string?>("--cache") { Description = "Engine result cache path (default location when omitted)" };
        var cmd = new Command("fragment", "Graph-theoretic fragmentation of a structure: units, graph, simplices and coefficients");
        cmd.Arguments.Add(input);
        foreach (var o in new Option[] { rank, cutoff, on, settingsText, frame, charge, mult, json, high, low, cache }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.FromResult(CliErrors.Guard(() => Run(pr.GetValue(input)!, pr.GetValue(settingsText) is { } t
                ? CliOptions.Parse("--fragment", t, FragmentSettings.Parse)
                : FragmentSettings.Create(pr.GetValue(rank), pr.GetValue(cutoff), pr.GetValue(on), name: k => $"--{k}"),
            pr.GetValue(frame), pr.GetValue(charge), pr.GetValue(json), pr.GetValue(high), pr.GetValue(low), pr.GetValue(cache), ct, pr.GetValue(mult)))));
        return cmd;
    }

    public static int Run(string path, FragmentSettings settings, int frame, int? charge, bool json,
                          string? high, string? low, string? cache, CancellationToken ct, int? multiplicity = null)
    {
        var s = StructureFile.Read(path).ElementAtOrDefault(frame) ?? throw new ArgumentException($"--frame {frame}: {path} has no frame {frame}.");
        CliCommon.Override(s, charge, multiplicity);
        var fragmentation = CliFragments.Create(s, settings, $"{path} frame {frame}", ct);
        var report = FragmentReport.From(fragmentation);
        if (json) Console.WriteLine(report.ToJson());
        else FragmentTables.Print(report);
        if (high is not null) FragmentEnergyTable.Run(s, settings, high, low, cache, ct);
        return 0;
    }
}

/// <summary>Spectre tables for a <see cref="FragmentReport"/>.</summary>
internal static class FragmentTables
{
    public static void Print(FragmentReport r)
    {
        AnsiConsole.MarkupLine($"[bold]{r.Atoms} atoms, charge {r.Charge}, {r.Units.Count} units[/] ({Markup.Escape(r.Settings)})");
        var units = new Table().AddColumns("unit", "type", "charge", "mult", "atoms");
        foreach (var u in r.Units)
            units.AddRow(u.Index.ToString(), Markup.Escape(u.Type), u.Charge.ToString(), u.Multiplicity.ToString(), string.Join(" ", u.Atoms));
        CliTable.Write(units);
        var edges = new Table().AddColumns("edge", "distance (A)", "weight");
        foreach (var e in r.Edges) edges.AddRow($"{e.A}-{e.B}", F(e.Distance, 3), F(e.Weight, 4));
        CliTable.Write(edges);
        var counts = new Table().AddColumns("rank", "simplices", "non-zero M", "sum M");
        for (int k = 0; k < r.CountsByRank.Length; k++)
        {
            var rows = r.Simplices.Where(x => x.Rank == k).ToArray();
            counts.AddRow(k.ToString(), r.CountsByRank[k].ToString(), rows.Count(x => x.Coefficient != 0).ToString(), F(rows.Sum(x => x.Coefficient), 4));
        }
        CliTable.Write(counts);
        var simplices = new Table().AddColumns("simplex", "type", "W", "M");
        foreach (var x in r.Simplices.Where(x => x.Coefficient != 0))
            simplices.AddRow(string.Join("-", x.Units), Markup.Escape(x.Type), F(x.Weight, 4), F(x.Coefficient, 4));
        CliTable.Write(simplices);
    }

    internal static string F(double v, int digits) => v.ToString("F" + digits, CultureInfo.InvariantCulture);
}

/// <summary>Assembled energies for R = 0..rank against the full high-level energy (engines cached,
/// so the ranks share fragment results).</summary>
internal static class FragmentEnergyTable
{
    public static void Run(Structure s, FragmentSettings settings, string highSpec, string? lowSpec, string? cache, CancellationToken ct)
    {
        var high = EngineFactory.CreateCached(highSpec, cache);
        var low = lowSpec is null ? null : EngineFactory.CreateCached(lowSpec, cache);
        var table = new Table().AddColumns("R", "fragments", "E (Eh)", "E - E_high(full) (kcal/mol)", "seconds");
        double full = 0;
        AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask($"full {Markup.Escape(highSpec)}", maxValue: 1);
            full = high.Compute(s, Tessera.Potentials.Needs.Energy).Energy;
            task.Increment(1);
            for (int rank = 0; rank <= settings.Rank; rank++)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var p = new FragmentPotential(high, low, settings with { Rank = rank });
                var bar = ctx.AddTask($"R = {rank}");
                var progress = new Progress<FragmentProgress>(x => { bar.MaxValue = x.Total; bar.Value = x.Done; });
                double e = p.Compute(s, Tessera.Potentials.Needs.Energy, ct, progress).Energy;
                int count = Fragmentation.Create(s, settings with { Rank = rank }, ct).Complex.Simplices.Count(x => x.Coefficient != 0);
                bar.Value = bar.MaxValue;
                table.AddRow(rank.ToString(), count.ToString(), FragmentTables.F(e / Units.Hartree, 8),
                             FragmentTables.F((e - full) / Units.KcalPerMol, 3), FragmentTables.F(sw.Elapsed.TotalSeconds, 1));
            }
        });
        AnsiConsole.MarkupLine($"Full {Markup.Escape(highSpec)}: {FragmentTables.F(full / Units.Hartree, 8)} Eh; low = {Markup.Escape(lowSpec ?? "none")}");
        CliTable.Write(table);
    }
}
