using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Data;
using Tessera.Fragments;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera pool FRAMES --rank R --cutoff C [--fragments "on=...,tol=..."] -o pool.extxyz.gz</c>: every
/// fragment (rank 0..R) of every frame, keyed by type, with source frame and atom map.</summary>
public sealed class PoolCommand : ICliCommand
{
    public Command Build()
    {
        var frames = new Argument<string>("frames") { Description = "Frames (any structure file; from 'tessera sample' or elsewhere)" };
        var rank = new Option<int>("--rank", "-r") { Description = "Highest fragment rank (0 units, 1 pairs, 2 triples, ...)", DefaultValueFactory = _ => 2 }.Between(0, FragmentSettings.MaxRank);
        var cutoff = new Option<double>("--cutoff", "-c") { Description = "Graph cutoff between units (Angstrom, closest heavy atoms)", Required = true }.Positive();
        var more = new Option<string?>("--fragments") { Description = "Further fragmentation settings: on=,switch=,tol=,charges=,mult=" };
        var output = new Option<string>("--output", "-o") { Description = "Pool file (extxyz[.gz])", DefaultValueFactory = _ => "pool.extxyz.gz" };
        var charge = CliCommon.ChargeOption();
        var mult = CliCommon.MultiplicityOption();
        var cmd = new Command("pool", "Build the fragment pool of a set of frames");
        cmd.Arguments.Add(frames);
        foreach (var o in new Option[] { rank, cutoff, more, output, charge, mult }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(pr.GetValue(frames)!, pr.GetValue(rank), pr.GetValue(cutoff), pr.GetValue(more), pr.GetValue(output)!, ct,
                                                     pr.GetValue(charge), pr.GetValue(mult))));
        return cmd;
    }

    public static int Run(string framesPath, int rank, double cutoff, string? more, string output, CancellationToken ct = default,
                          int? charge = null, int? multiplicity = null) => PipelineCli.Guarded(() =>
    {
        var settings = CliOptions.Parse("--fragments", more ?? "", m => FragmentSettings.Parse(
            string.Create(CultureInfo.InvariantCulture, $"rank={rank},cutoff={cutoff}") + (string.IsNullOrWhiteSpace(m) ? "" : "," + m)));
        AtomicFile.RequireFolder(output);
        var frames = CliCommon.ReadAll(framesPath, charge, multiplicity);
        if (frames.Count == 0) throw new ArgumentException($"{framesPath} holds no frames.");
        var pool = CliFragments.Where(framesPath, () => FragmentPoolBuilder.Build(frames, settings, ct));
        FragmentPool.Write(output, pool);
        var table = new Table().AddColumns("type", "rank", "fragments", "per frame");
        foreach (var g in pool.GroupBy(f => (f.Rank, f.Type)).OrderBy(g => g.Key.Rank).ThenBy(g => g.Key.Type, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(g.Key.Type), $"{g.Key.Rank}", $"{g.Count()}", (g.Count() / (double)frames.Count).ToString("F2", CultureInfo.InvariantCulture));
        CliTable.Write(table);
        Console.WriteLine($"Pool of {pool.Count} fragments from {frames.Count} frames ({settings}) -> {output}");
        return 0;
    });
}
