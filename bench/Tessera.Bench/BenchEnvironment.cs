namespace Tessera.Bench;

/// <summary>What every benchmark prints or needs about its surroundings.</summary>
public static class BenchEnvironment
{
    /// <summary>The 1, 5 and 15 minute load averages: wall times on a shared machine scale with them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>A path under ../shared beside the repository (n2p2 reference potentials).</summary>
    public static string SharedPath(params string[] parts) => Path.Combine([RepositoryRoot(), "..", "shared", .. parts]);

    /// <summary>A path inside the repository (shipped data).</summary>
    public static string RepositoryPath(params string[] parts) => Path.Combine([RepositoryRoot(), .. parts]);

    private static string RepositoryRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Tessera.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new DirectoryNotFoundException("Run the benchmarks from inside the Tessera repository.");
    }
}
