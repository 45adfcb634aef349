using Tessera.Data;
using Tessera.Engines;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>What the data-pipeline commands share: typed errors turned into one "error:" line and exit code 1,
/// an interruption into exit code 130, and the command line for provenance.</summary>
internal static class PipelineCli
{
    public static int Guarded(Func<int> body)
    {
        try { return body(); }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: everything finished so far is stored; run the same command again to continue.");
            return 130;
        }
        catch (Exception e) when (e is FileFormatException or LabelStoreException or ResultCacheException or EngineException
                                      or IOException or ArgumentException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>The command as typed (for provenance records).</summary>
    public static string CommandLine()
    {
        var args = Environment.GetCommandLineArgs().Skip(1).Select(a => a.Any(char.IsWhiteSpace) || a.Length == 0 ? $"\"{a}\"" : a);
        return "tessera " + string.Join(' ', args);
    }

    /// <summary>Whether to draw live progress (not when output goes to a file or pipe).</summary>
    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;
}
