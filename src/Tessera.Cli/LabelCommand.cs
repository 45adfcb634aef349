using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Tessera.Data;
using Tessera.Engines;

namespace Tessera.Cli;

/// <summary>Options of <c>tessera label</c>.</summary>
public sealed record LabelOptions(string Pool, string Selection, string? Low, string? High, bool Gradients = false, int Workers = 1,
                                  int Chunk = 16, string? Labels = null, string? Cache = null, bool RetryFailed = false, bool NoRetry = false,
                                  string? Shard = null);

/// <summary><c>tessera label POOL --selection S --low xtb:gfn2 --high psi4:mp2/cc-pvdz [--gradients] [--workers N]</c>:
/// resumable labelling of the selected fragments into a label store, through the engine result cache.</summary>
public sealed class LabelCommand : ICliCommand
{
    public Command Build()
    {
        var o = new LabelCliOptions();
        var labels = new Option<string?>("--labels") { Description = "Label store (default: labels.sqlite beside the selection)" };
        var cache = new Option<string?>("--cache") { Description = "Engine result cache (default: the label store's file)" };
        var shard = new Option<string?>("--shard") { Description = "Label only shard K of N of the selection, K/N numbered from 0 (what each task of 'tessera label submit' runs)" };
        var cmd = new Command("label", "Compute low- and high-level energies (and forces) of the selected fragments; resumable (run again to continue). Exit code 2 when some calculation failed after its retry. " +
                                       "On a Slurm cluster: 'tessera label submit', 'tessera label status', 'tessera label collect'");
        o.AddTo(cmd);
        foreach (var x in new Option[] { labels, cache, shard }) cmd.Options.Add(x);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(new LabelOptions(pr.GetValue(o.Pool)!, pr.GetValue(o.Selection)!, pr.GetValue(o.Low), pr.GetValue(o.High),
            pr.GetValue(o.Gradients), pr.GetValue(o.Workers), pr.GetValue(o.Chunk), pr.GetValue(labels), pr.GetValue(cache),
            pr.GetValue(o.RetryFailed), pr.GetValue(o.NoRetry), pr.GetValue(shard)), ct)));
        cmd.Subcommands.Add(new LabelSubmitCommand().Build());
        cmd.Subcommands.Add(new LabelStatusCommand().Build());
        cmd.Subcommands.Add(new LabelCollectCommand().Build());
        return cmd;
    }

    /// <summary>Default label store: labels.sqlite in the selection file's folder.</summary>
    public static string DefaultLabels(string selection) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(selection))!, "labels.sqlite");

    /// <summary>At least one level, and each spec an engine.</summary>
    public static void CheckEngines(string? low, string? high)
    {
        if (low is null && high is null) throw new ArgumentException("Give --low, --high or both.");
        foreach (var (option, spec) in new[] { ("--low", low), ("--high", high) })
            if (spec is not null) CliOptions.Parse(option, spec, s => EngineFactory.Create(s));
    }

    /// <summary>The pool, the selection and the selected fragments (in pool order); the two files must belong together.</summary>
    public static (IReadOnlyList<PoolFragment> Pool, SelectionDocument Selection, PoolFragment[] Selected) ReadSelected(string poolPath, string selectionPath)
    {
        var pool = FragmentPool.Read(poolPath);
        var selection = SelectionFile.Read(selectionPath);
        if (pool.Count != selection.PoolSize)
            throw new ArgumentException($"{poolPath} holds {pool.Count} fragments but {selectionPath} was made from a pool of {selection.PoolSize}.");
        var ids = selection.SelectedIds().ToHashSet();
        return (pool, selection, pool.Where(f => ids.Contains(f.Id)).ToArray());
    }

    public static int Run(LabelOptions o, CancellationToken ct = default) => PipelineCli.Guarded(() =>
    {
        CheckEngines(o.Low, o.High); // spec mistakes are found before the label store and cache files are created
        (int, int)? shard = o.Shard is null ? null : CliOptions.Parse("--shard", o.Shard, LabelShards.Parse);
        var settings = LabelSettings.Create(o.Gradients, o.Workers, o.Chunk, o.RetryFailed);
        var (pool, selection, selected) = ReadSelected(o.Pool, o.Selection);
        int all = selected.Length;
        if (shard is var (k, n)) selected = CliOptions.Parse("--shard", o.Shard!, _ => LabelShards.Of(selected, k, n));
        var labelsPath = o.Labels ?? DefaultLabels(o.Selection);
        var store = new LabelStore(labelsPath);
        store.RequirePool(FragmentPool.Fingerprint(pool), Path.GetFileName(o.Pool), bind: true);
        var cache = new ResultCache(o.Cache ?? labelsPath);
        var levels = new List<LabelLevel>();
        if (o.Low is not null) levels.Add(LabelEngines.Create(Label.Low, o.Low, cache, o.NoRetry ? "" : null));
        if (o.High is not null) levels.Add(LabelEngines.Create(Label.High, o.High, cache, o.NoRetry ? "" : null));
        store.RecordRun(PipelineCli.CommandLine(), string.Join("; ", levels.Select(l => $"{l.Name}={l.Engine.Name}")));
        Console.WriteLine($"Labelling {selected.Length} selected fragments{(o.Shard is null ? "" : $" (shard {o.Shard} of the {all})")} into {store.FilePath} (cache {cache.FilePath})");
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
        var table = new Table().AddColumns("level", "engine", "selected", "before", "cache hits", "computed", "retried", "failed", "calc s", "s/calc", "wall s");
        foreach (var s in summaries)
        {
            string F(double x) => x.ToString("F1", CultureInfo.InvariantCulture);
            table.AddRow(s.Level, Markup.Escape(levels.First(l => l.Name == s.Level).Engine.Name), $"{s.Selected}", $"{s.Skipped}", $"{s.CacheHits}", $"{s.Computed}",
                         $"{s.Retried}", s.Failed > 0 ? $"[red]{s.Failed}[/]" : "0", F(s.CalculationSeconds),
                         s.Computed > 0 ? (s.CalculationSeconds / s.Computed).ToString("F2", CultureInfo.InvariantCulture) : "-", F(s.ElapsedSeconds));
        }
        CliTable.Write(table);
        AnsiConsole.WriteLine("before: labelled by earlier runs; cache hits: labelled now from the result cache (no calculation); computed: calculated now; " +
                            "calc s: summed wall time of the calculations.");
    }
}

/// <summary>An IProgress that calls its handler at once on the reporting thread (Progress&lt;T&gt; would post it).</summary>
internal sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();
    public void Report(T value) { lock (_gate) handler(value); }
}
