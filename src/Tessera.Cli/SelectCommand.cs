using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tessera.Data;
using Tessera.Descriptors;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary><c>tessera select POOL --fraction 0.1 --seed S -o selection.json [--random]</c>: k-means tessellation of
/// each fragment type's descriptors and the members nearest the centroids (or an equal-size random pick).</summary>
public sealed class SelectCommand : ICliCommand
{
    public Command Build()
    {
        var pool = new Argument<string>("pool") { Description = "Fragment pool file (extxyz[.gz], from 'tessera pool')" };
        var fraction = new Option<double>("--fraction", "-f") { Description = "Fraction of each type to select (above 0, at most 1; --type-fraction overrides it for named types)", DefaultValueFactory = _ => 0.1 }.Positive().AtMost(1.0);
        var seed = new Option<int>("--seed", "-s") { Description = "Random seed (k-means++ seeding, mini-batches, random pick)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "Selection file (JSON)", DefaultValueFactory = _ => "selection.json" };
        var random = new Option<bool>("--random") { Description = "Select as many fragments at random instead (baseline); the tessellation is still saved" };
        var noFaces = new Option<bool>("--no-faces") { Description = "Do not add the faces of the chosen fragments (their sub-fragments in the same frame, needed to train on many-body increments)" };
        var typeFraction = new Option<string[]>("--type-fraction")
        {
            Description = "Fraction for one fragment type, TYPE=F (a type as the pool names it, e.g. 'r2:H2O,H2O,H3O+=0.3'); repeat for several types",
            AllowMultipleArgumentsPerToken = false,
        };
        var descriptor = new Option<string>("--descriptor")
        {
            Description = "Descriptor space of the tessellation: 'pairs' (element pair-distance distributions) or 'network' (the fragment networks' " +
                          "own descriptor: pair distances per unit species and angles, so it tells the ion's atoms from a water's)",
            DefaultValueFactory = _ => "pairs",
        };
        descriptor.AcceptOnlyFromAmong("pairs", "network");
        var cmd = new Command("select", "Tessellate fragment space per type and select the fragments to label");
        cmd.Arguments.Add(pool);
        foreach (var o in new Option[] { fraction, typeFraction, seed, output, random, noFaces, descriptor }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(pr.GetValue(pool)!, pr.GetValue(fraction), pr.GetValue(seed), pr.GetValue(output)!, pr.GetValue(random), ct,
                                                       !pr.GetValue(noFaces), pr.GetValue(typeFraction) ?? [], pr.GetValue(descriptor) == "network")));
        return cmd;
    }

    public static int Run(string poolPath, double fraction, int seed, string output, bool random, CancellationToken ct = default, bool faces = true,
                          IReadOnlyList<string>? typeFractions = null, bool networkDescriptor = false) => PipelineCli.Guarded(() =>
    {
        var settings = SelectionSettings.Create(fraction, seed, random, faces: faces, typeFractions: ParseTypeFractions(typeFractions ?? []),
                                                descriptor: networkDescriptor ? FragmentDescriptorSettings.Default : FragmentDescriptorSettings.PairDistances);
        AtomicFile.RequireFolder(output);
        var pool = FragmentPool.Read(poolPath);
        var doc = FragmentSelector.Select(pool, settings, Path.GetFileName(poolPath), ct);
        SelectionFile.Write(output, doc);
        PrintSummary(doc, pool);
        int chosen = doc.ChosenIds().Length, all = doc.SelectedIds().Length;
        string Percent(int n) => (100.0 * n / doc.PoolSize).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        Console.WriteLine(faces
            ? $"Selected {chosen} of {doc.PoolSize} fragments ({Percent(chosen)}; {settings.Method}, seed {seed}) and their {all - chosen} faces: " +
              $"{all} to label ({Percent(all)} of the pool) -> {output}"
            : $"Selected {chosen} of {doc.PoolSize} fragments ({Percent(chosen)}; {settings.Method}, seed {seed}; no faces added) -> {output}");
        return 0;
    });

    /// <summary>TYPE=F pairs (split at the last '=', since type names hold ':' and ',').</summary>
    public static Dictionary<string, double> ParseTypeFractions(IReadOnlyList<string> items)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            int eq = item.LastIndexOf('=');
            if (eq <= 0 || !double.TryParse(item[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !(f > 0 && f <= 1))
                throw new ArgumentException($"--type-fraction '{item}' is not TYPE=F with F in (0, 1], e.g. 'r2:H2O,H2O,H3O+=0.3'.");
            if (!result.TryAdd(item[..eq], f)) throw new ArgumentException($"--type-fraction names type {item[..eq]} twice.");
        }
        return result;
    }

    private static void PrintSummary(SelectionDocument doc, IReadOnlyList<PoolFragment> pool)
    {
        var byId = pool.ToDictionary(f => f.Id);
        var table = new Table().AddColumns("type", "pool", "cells", "sel", "faces", "dim");
        var edges = TessellationReport.Edges;
        for (int b = 0; b < edges.Length; b++)
            table.AddColumn(b + 1 < edges.Length ? $"<{edges[b + 1]}" : $">={edges[b]}");
        foreach (var t in doc.Types)
        {
            var hist = TessellationReport.Histogram(TessellationReport.Distances(t, byId, doc.Settings.Descriptor));
            table.AddRow([Markup.Escape(t.Type), t.PoolIds.Length.ToString(CultureInfo.InvariantCulture),
                          t.Tessellation.Cells.ToString(CultureInfo.InvariantCulture), t.Selected.Length.ToString(CultureInfo.InvariantCulture),
                          t.FaceIds.Length.ToString(CultureInfo.InvariantCulture),
                          t.Tessellation.Dimension.ToString(CultureInfo.InvariantCulture), .. hist.Select(h => h.ToString(CultureInfo.InvariantCulture))]);
        }
        CliTable.Write(table);
        AnsiConsole.WriteLine("sel: chosen by the method; faces: added as faces of chosen fragments; dim: descriptor length; <x: pool members whose distance to the nearest centroid " +
                              "(standardised descriptor units) is below x (and at least the previous bound).");
    }
}
