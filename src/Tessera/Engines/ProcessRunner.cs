using System.Diagnostics;

namespace Tessera.Engines;

/// <summary>What a finished program run gave back.</summary>
public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

/// <summary>Starts an external program in a folder with a given environment, waits with a timeout (killing
/// the whole process tree when it expires) and counts its starts, so tests can prove a cache avoided a run.</summary>
public sealed class ProcessRunner
{
    private long _starts;

    /// <summary>Programs started by this runner.</summary>
    public long Starts => Interlocked.Read(ref _starts);

    /// <summary>Programs started by every runner in this process.</summary>
    public static long TotalStarts => Interlocked.Read(ref s_totalStarts);
    private static long s_totalStarts;

    /// <summary>Runs <paramref name="executable"/> to completion.</summary>
    /// <param name="timeout">Wall-clock limit; null for none.</param>
    /// <exception cref="EngineException">On timeout (<see cref="EngineFailure.Timeout"/>).</exception>
    public ProcessOutcome Run(string program, string executable, IEnumerable<string> arguments, string workingDirectory,
                              IReadOnlyDictionary<string, string> environment, TimeSpan? timeout, CancellationToken ct)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;

        var sw = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.Start();
        Interlocked.Increment(ref _starts);
        Interlocked.Increment(ref s_totalStarts);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        bool finished;
        try
        {
            finished = process.WaitForExitAsync(ct).Wait(timeout ?? Timeout.InfiniteTimeSpan);
        }
        catch (AggregateException e) when (e.InnerException is OperationCanceledException)
        {
            Kill(process);
            throw new OperationCanceledException($"{program} was cancelled.", e.InnerException, ct);
        }
        if (!finished)
        {
            Kill(process);
            throw new EngineException(program, EngineFailure.Timeout,
                $"timeout: killed after {timeout!.Value.TotalSeconds:0.###} s", workingDirectory, Tail(SafeResult(stdout) + SafeResult(stderr)));
        }
        process.WaitForExit(); // flushes the redirected streams
        return new ProcessOutcome(process.ExitCode, stdout.Result, stderr.Result, sw.Elapsed);
    }

    private static void Kill(Process p)
    {
        try { p.Kill(entireProcessTree: true); p.WaitForExit(5000); }
        catch (InvalidOperationException) { } // already exited
    }

    private static string SafeResult(Task<string> t) => t.Wait(2000) ? t.Result : "";

    /// <summary>The last <paramref name="lines"/> non-empty lines of a text (a program's own message).</summary>
    public static string Tail(string text, int lines = 15)
    {
        var all = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
        return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
    }
}
