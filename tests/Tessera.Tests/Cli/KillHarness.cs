using System.Diagnostics;
using System.Globalization;
using Tessera.Tests.BadInput;
using Xunit.Abstractions;

namespace Tessera.Tests.Cli;

/// <summary>Runs a real `tessera` command and kills it with SIGKILL at seeded random moments, rerunning the same
/// command after each kill until a run completes. The kill times come from a fixed seed (a reproducible schedule)
/// and are spread over the wall time of an uninterrupted run, so they land in start-up, mid-work and while
/// writing. Every kill, the state it left and every completion are written to the test output.</summary>
public sealed class KillHarness(ITestOutputHelper output, string name, int seed)
{
    private readonly Random _rng = new(seed);

    public int Kills { get; private set; }

    /// <summary>Runs <paramref name="args"/> to completion in <paramref name="folder"/>; returns its wall time in seconds.</summary>
    public double Uninterrupted(string folder, string[] args)
    {
        var clock = Stopwatch.StartNew();
        var o = CliProcess.Run(folder, args);
        Assert.True(o.ExitCode == 0, $"{name}: uninterrupted run failed ({o.ExitCode}):\n{o.Stderr}\n{o.Stdout}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: uninterrupted run {clock.Elapsed.TotalSeconds:F2} s"));
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Starts <paramref name="args"/> up to <paramref name="kills"/> + 1 times, killing each start but the
    /// last after a random delay (10-90% of <paramref name="wallSeconds"/>); after each kill <paramref name="afterKill"/>
    /// checks and describes what is on disk. A start that completes before its kill ends the episode.</summary>
    /// <returns>The standard output of the run that completed.</returns>
    public string Episode(string folder, string[] args, double wallSeconds, int kills, Func<string> afterKill)
    {
        for (int attempt = 0; ; attempt++)
        {
            bool kill = attempt < kills;
            double delay = (0.1 + 0.8 * _rng.NextDouble()) * wallSeconds;
            var clock = Stopwatch.StartNew();
            using var p = CliProcess.Start(folder, args);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (kill && !p.WaitForExit(TimeSpan.FromSeconds(delay)))
            {
                p.Kill(); // SIGKILL, this process only: no handler runs, nothing is flushed or cleaned up
                p.WaitForExit();
                Kills++;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: kill {Kills} at {delay * 1000:F0} ms: {afterKill()}"));
                continue;
            }
            bool done = p.WaitForExit(TimeSpan.FromSeconds(120));
            if (!done) p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.True(done && p.ExitCode == 0, $"{name}: run {attempt + 1} failed ({(done ? p.ExitCode : "timed out")}):\n{stderr.Result}\n{stdout.Result}");
            string notices = string.Join(" ", stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("notice:")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: run {attempt + 1} completed in {clock.Elapsed.TotalSeconds:F2} s{(kill ? " (before its kill)" : "")}{(notices.Length > 0 ? "; " + notices : "")}"));
            return stdout.Result;
        }
    }
}
