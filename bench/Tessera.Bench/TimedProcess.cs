using System.Diagnostics;

namespace Tessera.Bench;

/// <summary>Runs an external program pinned to the first <c>cores</c> CPUs (taskset) with its thread-count
/// variables set to match, and returns its wall time. Output goes to files in the working folder; a non-zero exit
/// stops the benchmark with the program's own last lines.</summary>
public static class TimedProcess
{
    public static double Run(string workDir, int cores, string program, params string[] args)
    {
        var psi = new ProcessStartInfo("taskset") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(string.Join(",", Enumerable.Range(0, cores)));
        psi.ArgumentList.Add(program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // OpenMP for n2p2, the .NET thread pool and Parallel.For for Tessera: both see exactly `cores` CPUs.
        psi.Environment["OMP_NUM_THREADS"] = cores.ToString();
        psi.Environment["DOTNET_PROCESSOR_COUNT"] = cores.ToString();
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} (in {workDir}) exited with {p.ExitCode}: " +
                                                string.Join('\n', (stdout.Result + stderr).Split('\n').TakeLast(8)));
        return seconds;
    }

    public static double Median(List<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
