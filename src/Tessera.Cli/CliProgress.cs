using Spectre.Console;

namespace Tessera.Cli;

/// <summary>Spectre.Console progress bars for library work that reports through IProgress. Draws nothing
/// when output is redirected (logs and tests stay clean).</summary>
public static class CliProgress
{
    /// <summary>Runs <paramref name="work"/> with a bar of <paramref name="total"/> steps; the work reports
    /// the number of steps completed so far.</summary>
    public static T Run<T>(string description, int total, Func<IProgress<int>, T> work)
    {
        if (Console.IsOutputRedirected || total <= 1) return work(new Progress<int>(_ => { }));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                     new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: total); // names like fragments(...)[xtb:gfn2] are not markup
                result = work(new SynchronousProgress(done => task.Value = done));
            });
        return result;
    }

    /// <summary>Runs <paramref name="work"/> whose length is not known in advance (a streamed file): a spinner
    /// with the number of <paramref name="unit"/> done so far.</summary>
    public static T RunOpen<T>(string description, string unit, Func<IProgress<int>, T> work)
    {
        if (Console.IsOutputRedirected) return work(new Progress<int>(_ => { }));
        T result = default!;
        string label = Markup.Escape(description);
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label);
                task.IsIndeterminate = true;
                result = work(new SynchronousProgress(done => task.Description = $"{label}: {done} {unit}"));
                task.StopTask();
            });
        return result;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool and can arrive late).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
