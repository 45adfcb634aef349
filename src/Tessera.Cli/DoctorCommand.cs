using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Tessera.Engines;

namespace Tessera.Cli;

/// <summary><c>tessera doctor [--json]</c>: every engine, library and tool Tessera can use, whether it is there
/// (with its version and location) and, for each missing one, the command that installs it. Exit code 0 when
/// everything is there, <see cref="MissingExitCode"/> otherwise. About 1-2 s: the probes run in parallel; the
/// JSON report has each probe's time.</summary>
public sealed class DoctorCommand : ICliCommand
{
    public const int MissingExitCode = 3;

    public Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON report instead of a table" };
        var cache = new Option<string?>("--cache") { Description = "Result cache file to check (default: $TESSERA_CACHE or ~/.cache/tessera/results.sqlite)" };
        var only = new Option<string?>("--only") { Description = "Check only these (comma-separated names from the table, e.g. xtb,libxtb.so.6)" };
        var cmd = new Command("doctor", "Check the engines, libraries and tools Tessera uses, and say how to install what is missing");
        cmd.Options.Add(json);
        cmd.Options.Add(cache);
        cmd.Options.Add(only);
        cmd.SetAction(pr => CliErrors.Guard(() => Run(Select(Prerequisites.Standard(pr.GetValue(cache)), pr.GetValue(only)), pr.GetValue(json))));
        return cmd;
    }

    /// <summary>The items named in a comma-separated list (all when null), in the standard order.</summary>
    /// <exception cref="ArgumentException">For a name that is not in the list.</exception>
    public static IReadOnlyList<Prerequisite> Select(IReadOnlyList<Prerequisite> items, string? only)
    {
        if (string.IsNullOrWhiteSpace(only)) return items;
        var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
            if (!items.Any(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"--only: unknown name '{n}' (known: {string.Join(", ", items.Select(p => p.Name))})");
        return items.Where(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
    }

    public sealed record Entry(string Name, string Kind, string UsedBy, bool Found, string? Version, string? Location,
                               string? Problem, string? DebianPackage, string? Install, double Seconds);

    public sealed record Report(bool Ok, int Missing, IReadOnlyList<Entry> Items, string? InstallAll);

    public static int Run(IReadOnlyList<Prerequisite> items, bool json) => CliErrors.Guard(() =>
    {
        var report = Check(items);
        if (json) Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Default.DoctorReport));
        else Print(report);
        return report.Ok ? 0 : MissingExitCode;
    });

    public static Report Check(IReadOnlyList<Prerequisite> items)
    {
        var entries = Prerequisites.Check(items).Select(s => new Entry(
            s.Item.Name, Kind(s.Item.Kind), s.Item.UsedBy, s.Found, s.Outcome.Version, s.Outcome.Location,
            s.Found ? null : s.Outcome.Problem, s.Item.DebianPackage, s.Found ? null : s.Item.InstallCommand,
            Math.Round(s.Elapsed.TotalSeconds, 3))).ToArray();
        var missing = entries.Where(e => !e.Found).ToArray();
        var packages = missing.Select(e => e.DebianPackage).OfType<string>().Distinct().ToArray();
        var all = packages.Length > 1 ? Prerequisites.AptInstall(string.Join(' ', packages)) : null;
        return new Report(missing.Length == 0, missing.Length, entries, all);
    }

    private static void Print(Report report)
    {
        var table = new Table().AddColumns("", "what", "version", "where (missing: why, and the fix)", "used by");
        foreach (var e in report.Items)
        {
            var where = e.Found ? Markup.Escape(e.Location ?? "")
                                : $"[red]{Markup.Escape(e.Problem ?? "missing")}[/]" + (e.Install is { } i ? $"\n[bold]{Markup.Escape(i)}[/]" : "");
            table.AddRow(e.Found ? "[green]ok[/]" : "[red]MISSING[/]", $"{Markup.Escape(e.Name)} [grey]({e.Kind})[/]",
                         Markup.Escape(e.Version ?? "-"), where, Markup.Escape(e.UsedBy));
        }
        CliTable.Write(table);
        if (report.Ok) { AnsiConsole.MarkupLine($"[green]Everything checked is there ({report.Items.Count} items).[/]"); return; }
        AnsiConsole.MarkupLine($"[red]{report.Missing} missing.[/] Install:");
        foreach (var e in report.Items.Where(e => !e.Found && e.Install is not null).DistinctBy(e => e.Install))
            Console.WriteLine($"  {e.Install}");
        if (report.InstallAll is { } all) Console.WriteLine($"  (all at once: {all})");
    }

    private static string Kind(PrerequisiteKind kind) => kind switch
    {
        PrerequisiteKind.Program => "program",
        PrerequisiteKind.Library => "library",
        PrerequisiteKind.PythonModule => "python module",
        _ => "file",
    };
}
