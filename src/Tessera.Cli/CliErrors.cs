using Tessera.Engines;
using Tessera.IO;

namespace Tessera.Cli;

/// <summary>Turns the errors a user can cause (bad files, bad options, failed engines) into one clean
/// line on stderr and exit code 1; anything else is a bug and keeps its stack trace.</summary>
public static class CliErrors
{
    public static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    public static bool IsUserError(Exception e) =>
        e is FileFormatException or IOException or ArgumentException or UnauthorizedAccessException
          or EngineException or ResultCacheException or InvalidDataException or NotSupportedException;
}
