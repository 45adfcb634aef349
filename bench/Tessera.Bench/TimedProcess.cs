using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Tessera.Bench;

/// <summary>Runs an external program pinned to the first <c>cores</c> CPUs (taskset) with its thread-count
/// variables set to match, and returns its wall time and CPU time (user + system, from getrusage of the reaped
/// children: on a machine that other jobs load, CPU time moves far less than wall time). Output goes to files in
/// the working folder; a non-zero exit stops the benchmark with the program's own last lines.</summary>
public static class TimedProcess
{
    public readonly record struct Times(double Wall, double Cpu);

    public static Times Run(string workDir, int cores, string program, params string[] args)
    {
        double cpu0 = ChildrenCpuSeconds();
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
        double seconds = clock.Elapsed.TotalSeconds, cpu = ChildrenCpuSeconds() - cpu0;
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} (in {workDir}) exited with {p.ExitCode}: " +
                                                string.Join('\n', (stdout.Result + stderr).Split('\n').TakeLast(8)));
        return new Times(seconds, cpu);
    }

    /// <summary>struct rusage: ru_utime and ru_stime (seconds, microseconds) then 14 longs.</summary>
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);

    /// <summary>CPU seconds of all waited-for children so far (RUSAGE_CHILDREN = -1).</summary>
    private static double ChildrenCpuSeconds()
    {
        var u = new long[18];
        if (GetRusage(-1, u) != 0) return double.NaN;
        return u[0] + u[2] + 1e-6 * (u[1] + u[3]);
    }

    public static double Median(List<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
