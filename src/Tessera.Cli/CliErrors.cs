using Tessera.Cluster;
using Tessera.Core;
using Tessera.Data;
using Tessera.Engines;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Interop;

namespace Tessera.Cli;

/// <summary>Turns the errors a user can cause (bad files, bad options, failed engines, broken connections)
/// into one clean line on stderr and exit code 1, and a cancellation into exit code 130; anything else is
/// a bug and keeps its stack trace.</summary>
public static class CliErrors
{
    public static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (Exception e) when (Handled(e, out int code)) { return code; }
    }

    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception e) when (Handled(e, out int code)) { return code; }
    }

    public static bool IsUserError(Exception e) =>
        e is AggregateException a ? a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUserError) :
        e is FileFormatException or FragmentationException or IOException or ArgumentException or UnauthorizedAccessException or FormatException
          or EngineException or ResultCacheException or LabelStoreException or InvalidDataException or NotSupportedException
          or IpiProtocolException or InvalidOperationException or SlurmException;

    private static bool Handled(Exception e, out int code)
    {
        code = e is OperationCanceledException ? 130 : 1;
        if (e is OperationCanceledException) Console.Error.WriteLine("cancelled");
        else if (IsUserError(e)) Console.Error.WriteLine($"error: {Message(e)}");
        else return false;
        return true;
    }

    /// <summary>The user's message; an AggregateException (parallel work) shows its distinct inner messages, an
    /// ArgumentException its <see cref="UserMessage"/>; an engine's failure is its one-line reason (the program's own words) and the folder kept for inspection.</summary>
    public static string Message(Exception e) => e switch
    {
        AggregateException a => string.Join(" ", a.Flatten().InnerExceptions.Select(Message).Distinct().Take(3)),
        ArgumentException => UserMessage.Of(e),
        EngineException x => x.Reason + (x.WorkingDirectory is { } dir ? $" (working folder kept: {dir})" : ""),
        _ => e.Message,
    };
}
