using Tessera.Data;

namespace Tessera.Cli;

/// <summary>What the data-pipeline commands share: error handling, the command line for provenance, and
/// whether to draw live progress.</summary>
internal static class PipelineCli
{
    /// <summary><see cref="CliErrors.Guard"/> plus the pipeline's own errors, and an interruption message that
    /// says how to continue.</summary>
    public static int Guarded(Func<int> body) => CliErrors.Guard(() =>
    {
        try { return body(); }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: everything finished so far is stored; run the same command again to continue.");
            return 130;
        }
    });

    /// <summary>The command as typed (for provenance records).</summary>
    public static string CommandLine()
    {
        var args = Environment.GetCommandLineArgs().Skip(1).Select(a => a.Any(char.IsWhiteSpace) || a.Length == 0 ? $"\"{a}\"" : a);
        return "tessera " + string.Join(' ', args);
    }

    /// <summary>Whether to draw live progress (not when output goes to a file or pipe).</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;
}
