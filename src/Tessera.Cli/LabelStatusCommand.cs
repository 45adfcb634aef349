using System.CommandLine;
using Spectre.Console;
using Tessera.Cluster;

namespace Tessera.Cli;

/// <summary><c>tessera label status CAMPAIGN</c>: per array task its state (done, pending, running, failed, stopped,
/// not submitted) and labels so far per level, from the task stores, their exit files and squeue.</summary>
public sealed class LabelStatusCommand : ICliCommand
{
    public Command Build()
    {
        var folder = new Argument<string>("campaign") { Description = "Campaign folder (from 'tessera label submit')" };
        var cmd = new Command("status", "Where the tasks of a Slurm labelling campaign stand: done, running, failed, labels so far");
        cmd.Arguments.Add(folder);
        cmd.SetAction((pr, ct) => Task.Run(() => Run(pr.GetValue(folder)!)));
        return cmd;
    }

    public static int Run(string path) => PipelineCli.Guarded(() =>
    {
        var folder = new CampaignFolder(path);
        var campaign = folder.Read();
        var tasks = CampaignTask.All(campaign, folder, QueueOrNotice(folder));
        var levels = tasks[0].Levels.Select(l => l.Level).ToArray();
        var table = new Table().AddColumn("task").AddColumn("fragments");
        foreach (var level in levels) table.AddColumn($"{level} ok").AddColumn($"{level} failed");
        table.AddColumn("state").AddColumn("job");
        foreach (var t in tasks)
        {
            var row = new List<string> { $"{t.Task}", $"{t.Fragments}" };
            foreach (var l in t.Levels) row.AddRange([$"{l.Ok}", l.Failed > 0 ? $"[red]{l.Failed}[/]" : "0"]);
            if (t.Levels.Count == 0) row.AddRange(levels.SelectMany(_ => new[] { "?", "?" }));
            row.Add(Word(t.State) + (t.State == CampaignTaskState.Failed ? $" (exit {t.ExitStatus})" : ""));
            row.Add(t.JobId is null ? "-" : $"{t.JobId}_{t.Task}");
            table.AddRow(row.ToArray());
        }
        CliTable.Write(table);
        int labels = tasks.Sum(t => t.Levels.Sum(l => l.Ok + l.Failed)), wanted = tasks.Sum(t => t.Fragments) * levels.Length;
        var counts = Enum.GetValues<CampaignTaskState>().Select(s => (s, n: tasks.Count(t => t.State == s))).Where(x => x.n > 0)
                         .Select(x => $"{x.n} {Word(x.s)}");
        Console.WriteLine($"{tasks.Count} tasks: {string.Join(", ", counts)}; {labels} of {wanted} labels stored.");
        foreach (var t in tasks.Where(t => Note(t, folder) is not null)) Console.WriteLine($"task {t.Task}: {Note(t, folder)}");
        if (tasks.All(t => t.Finished)) Console.WriteLine($"Every task has finished: tessera label collect {folder.Path}");
        else if (tasks.Any(t => !t.Finished && !t.Queued))
            Console.WriteLine("Unfinished tasks that are not queued: run the same 'tessera label submit' command again to resubmit them (finished labels are kept).");
        return 0;
    });

    /// <summary>The campaign's queued and running tasks; where squeue cannot answer (not on the cluster), none, with a notice
    /// that states then come from the stores and exit files only.</summary>
    public static IReadOnlyList<QueuedTask> QueueOrNotice(CampaignFolder folder)
    {
        try { return SlurmCommands.Queue(folder.Path); }
        catch (SlurmException e)
        {
            Console.Error.WriteLine($"notice: {e.Message} Task states come from the task stores and exit files only.");
            return [];
        }
    }

    private static string? Note(CampaignTask t, CampaignFolder folder) => t.Problem is { } p ? $"store unreadable: {p}" : t.State switch
    {
        CampaignTaskState.Failed => $"tessera label exited with {t.ExitStatus}; its log is {folder.Log(t.Task)}",
        CampaignTaskState.Stopped => "left the queue unfinished without an exit status: cancelled (scancel, time limit) or its script killed",
        _ => null,
    };

    private static string Word(CampaignTaskState s) => s switch
    {
        CampaignTaskState.NotSubmitted => "not submitted",
        _ => s.ToString().ToLowerInvariant(),
    };
}
