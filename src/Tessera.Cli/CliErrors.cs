using Tessera.Data;
using Tessera.Engines;
using Tessera.Interop;
using Tessera.IO;

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
        e is FileFormatException or IOException or ArgumentException or UnauthorizedAccessException or FormatException
          or EngineException or ResultCacheException or LabelStoreException or InvalidDataException or NotSupportedException
          or IpiProtocolException or InvalidOperationException;

    private static bool Handled(Exception e, out int code)
    {
        code = e is OperationCanceledException ? 130 : 1;
        if (e is OperationCanceledException) Console.Error.WriteLine("cancelled");
        else if (IsUserError(e)) Console.Error.WriteLine($"error: {e.Message}");
        else return false;
        return true;
    }
}
