using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Tessera.Data;
using Tessera.Engines;

namespace Tessera.Cli;

/// <summary>Options of <c>tessera label</c>.</summary>
public sealed record LabelOptions(string Pool, string Selection, string? Low, string? High, bool Gradients = false, int Workers = 1,
                                  int Chunk = 16, string? Labels = null, string? Cache = null, bool RetryFailed = false, bool NoRetry = false);

/// <summary><c>tessera label POOL --selection S --low xtb:gfn2 --high psi4:mp2/cc-pvdz [--gradients] [--workers N]</c>:
/// resumable labelling of the selected fragments into a label store, through the engine result cache.</summary>
public sealed class LabelCommand : ICliCommand
{
    public Command Build()
    {
        var pool = new Argument<string>("pool") { Description = "Fragment pool file (from 'tessera pool')" };
        var selection = new Option<string>("--selection") { Description = "Selection file (from 'tessera select')", Required = true };
        var low = new Option<string?>("--low") { Description = "Low-level engine, e.g. xtb:gfn2" };
        var high = new Option<string?>("--high") { Description = "High-level engine, e.g. psi4:mp2/cc-pvdz" };
        var gradients = new Option<bool>("--gradients") { Description = "Compute forces too" };
        var workers = new Option<int>("--workers", "-j") { Description = "Engine batches run at once (xtb already runs a batch's members in parallel; use it for psi4)", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var chunk = new Option<int>("--chunk") { Description = "Geometries per engine batch (one psi4 process per batch)", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var labels = new Option<string?>("--labels") { Description = "Label store (default: labels.sqlite beside the selection)" };
        var cache = new Option<string?>("--cache") { Description = "Engine result cache (default: the label store's file)" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Try stored failures again" };
        var noRetry = new Option<bool>("--no-retry") { Description = "Do not retry a failed calculation with safer SCF options" };
        var cmd = new Command("label", "Compute low- and high-level energies (and forces) of the selected fragments; resumable (run again to continue). Exit code 2 when some calculation failed after its retry");
        cmd.Arguments.Add(pool);
        foreach (var o in new Option[] { selection, low, high, gradients, workers, chunk, labels, cache, retryFailed, noRetry }) cmd.Options.Add(o);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(new LabelOptions(pr.GetValue(pool)!, pr.GetValue(selection)!, pr.GetValue(low), pr.GetValue(high),
            pr.GetValue(gradients), pr.GetValue(workers), pr.GetValue(chunk), pr.GetValue(labels), pr.GetValue(cache),
            pr.GetValue(retryFailed), pr.GetValue(noRetry)), ct)));
        return cmd;
    }

    /// <summary>Default label store: labels.sqlite in the selection file's folder.</summary>
    public static string DefaultLabels(string selection) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(selection))!, "labels.sqlite");

    public static int Run(LabelOptions o, CancellationToken ct = default) => PipelineCli.Guarded(() =>
    {
        if (o.Low is null && o.High is null) throw new ArgumentException("Give --low, --high or both.");
        // Spec mistakes are found before the label store and cache files are created.
        foreach (var (option, spec) in new[] { ("--low", o.Low), ("--high", o.High) })
            if (spec is not null) CliOptions.Parse(option, spec, s => EngineFactory.Create(s));
        var settings = LabelSettings.Create(o.Gradients, o.Workers, o.Chunk, o.RetryFailed);
        var pool = FragmentPool.Read(o.Pool);
        var selection = SelectionFile.Read(o.Selection);
        if (pool.Count != selection.PoolSize)
            throw new ArgumentException($"{o.Pool} holds {pool.Count} fragments but {o.Selection} was made from a pool of {selection.PoolSize}.");
        var ids = selection.SelectedIds().ToHashSet();
        var selected = pool.Where(f => ids.Contains(f.Id)).ToArray();
        var labelsPath = o.Labels ?? DefaultLabels(o.Selection);
        var store = new LabelStore(labelsPath);
        store.RequirePool(FragmentPool.Fingerprint(pool), Path.GetFileName(o.Pool), bind: true);
        var cache = new ResultCache(o.Cache ?? labelsPath);
        var levels = new List<LabelLevel>();
        if (o.Low is not null) levels.Add(LabelEngines.Create(Label.Low, o.Low, cache, o.NoRetry ? "" : null));
        if (o.High is not null) levels.Add(LabelEngines.Create(Label.High, o.High, cache, o.NoRetry ? "" : null));
        store.RecordRun(PipelineCli.CommandLine(), string.Join("; ", levels.Select(l => $"{l.Name}={l.Engine.Name}")));
        Console.WriteLine($"Labelling {selected.Length} selected fragments into {store.FilePath} (cache {cache.FilePath})");
        var summaries = PipelineCli.Interactive ? WithProgressBars(selected, store, levels, settings, ct) : WithLogLines(selected, store, levels, settings, ct);
        PrintSummary(summaries, levels);
        return summaries.Any(s => s.Failed > 0) ? 2 : 0;
    });

    private static IReadOnlyList<LevelSummary> WithProgressBars(PoolFragment[] selected, LabelStore store, List<LabelLevel> levels,
                                                                LabelSettings settings, CancellationToken ct)
    {
        IReadOnlyList<LevelSummary> result = [];
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = levels.ToDictionary(l => l.Name, l => ctx.AddTask(Markup.Escape($"{l.Name} {l.Engine.Name}"), autoStart: false));
                var progress = new InlineProgress<LabelProgress>(p =>
                {
                    var task = tasks[p.Level];
                    if (!task.IsStarted) { task.MaxValue = Math.Max(1, p.Total - p.Skipped); task.StartTask(); }
                    task.Value = p.Done - p.Skipped;
                    task.Description = Markup.Escape($"{p.Level} {levels.First(l => l.Name == p.Level).Engine.Name}: {p.Done}/{p.Total}" +
                                                     (p.Failed > 0 ? $", {p.Failed} failed" : ""));
                    if (p.Done == p.Total) task.StopTask();
                });
                result = Labeller.Run(selected, store, levels, settings, ct, progress);
            });
        return result;
    }

    private static IReadOnlyList<LevelSummary> WithLogLines(PoolFragment[] selected, LabelStore store, List<LabelLevel> levels,
                                                            LabelSettings settings, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        string? level = null;
        TimeSpan levelStart = TimeSpan.Zero;
        var progress = new InlineProgress<LabelProgress>(p =>
        {
            if (p.Level != level) { level = p.Level; levelStart = clock.Elapsed; }
            if (clock.Elapsed - last < TimeSpan.FromSeconds(30) && p.Done != p.Total) return;
            last = clock.Elapsed;
            int fresh = p.Done - p.Skipped, todo = p.Total - p.Skipped;
            var spent = clock.Elapsed - levelStart;
            var eta = fresh > 0 ? TimeSpan.FromSeconds(spent.TotalSeconds / fresh * (todo - fresh)) : (TimeSpan?)null;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:HH:mm:ss} {p.Level}: {p.Done}/{p.Total} ({p.Skipped} stored before, {p.Failed} failed), elapsed {spent:hh\\:mm\\:ss}, ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss") : "?")}"));
        });
        return Labeller.Run(selected, store, levels, settings, ct, progress);
    }

    private static void PrintSummary(IReadOnlyList<LevelSummary> summaries, List<LabelLevel> levels)
    {
        var table = new Table().AddColumns("level", "engine", "selected", "before", "new", "retried", "failed", "calc s", "s/calc", "wall s");
        foreach (var s in summaries)
        {
            string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);
            table.AddRow(s.Level, Markup.Escape(levels.First(l => l.Name == s.Level).Engine.Name), $"{s.Selected}", $"{s.Skipped}", $"{s.Computed}",
                         $"{s.Retried}", s.Failed > 0 ? $"[red]{s.Failed}[/]" : "0", F(s.CalculationSeconds),
                         s.Computed > 0 ? (s.CalculationSeconds / s.Computed).ToString("F2", CultureInfo.InvariantCulture) : "-", F(s.ElapsedSeconds));
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine("before: labelled by earlier runs; new: computed now; calc s: summed wall time of the calculations.");
    }
}

/// <summary>An IProgress that calls its handler at once on the reporting thread (Progress&lt;T&gt; would post it).</summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();
    public void Report(T value) { lock (_gate) handler(value); }
}
