using System.Diagnostics;

namespace Tessera.Tests.Cluster;

/// <summary>A one-node Slurm on this machine for the tests (scripts/slurm/local-cluster.sh: munged, slurmctld and
/// slurmd as plain daemons, 2 CPUs, every file in a temporary state folder), started once for the test class and
/// stopped after it. Where it cannot be started (not root) the tests are skipped; as root, a missing Slurm is a
/// failure, since scripts/setup.sh installs it.</summary>
public sealed class LocalSlurm : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "tessera-tests", "slurm-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Lazy<string> _conf;

    public LocalSlurm() => _conf = new Lazy<string>(Start);

    /// <summary>Why a local Slurm cannot be started here (null: it can).</summary>
    public static string? Unavailable => geteuid() == 0 ? null
        : "a local Slurm cluster needs root (slurmd runs as SlurmdUser=root); CI runs as root. Skipped.";

    /// <summary>The environment the Slurm programs need to reach this cluster (also set in this process, for the
    /// library's own squeue calls).</summary>
    public IReadOnlyDictionary<string, string> Env => new Dictionary<string, string> { ["SLURM_CONF"] = _conf.Value };

    /// <summary>Runs a Slurm client program (scancel, squeue) against this cluster; returns its standard output.</summary>
    public string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SLURM_CONF"] = _conf.Value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), $"{program} did not return");
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    private string Start()
    {
        var script = Path.Combine(RepoRoot(), "scripts", "slurm", "local-cluster.sh");
        var psi = new ProcessStartInfo("bash", [script, "start", _state]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // A port of its own, so that a cluster another checkout started on this machine is left alone.
        psi.Environment["TESSERA_SLURM_PORT"] = (20000 + 2 * (Environment.ProcessId % 5000)).ToString();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(90)), "local-cluster.sh start did not return in 90 s");
        Assert.True(p.ExitCode == 0, $"local-cluster.sh could not start Slurm ({p.ExitCode}):\n{stderr.Result}\n{stdout.Result}");
        var conf = Path.Combine(_state, "slurm.conf");
        Environment.SetEnvironmentVariable("SLURM_CONF", conf);
        return conf;
    }

    public void Dispose()
    {
        if (!_conf.IsValueCreated) return;
        using var p = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepoRoot(), "scripts", "slurm", "local-cluster.sh"), "stop", _state]))!;
        p.WaitForExit(TimeSpan.FromSeconds(30));
        try { Directory.Delete(_state, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tessera.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"No Tessera.slnx above {AppContext.BaseDirectory}.");
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();
}

/// <summary>A fact skipped, with the reason, where a local Slurm cannot be started (<see cref="LocalSlurm.Unavailable"/>).</summary>
public sealed class LocalSlurmFactAttribute : FactAttribute
{
    public LocalSlurmFactAttribute()
    {
        if (LocalSlurm.Unavailable is { } why) Skip = why;
    }
}
