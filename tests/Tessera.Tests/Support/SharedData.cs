namespace Tessera.Tests;

/// <summary>Files in the shared data folder (../shared next to the repository: n2p2 potentials and data).</summary>
public static class SharedData
{
    /// <summary>Absolute path of a file under ../shared; throws a clear error when that folder is missing.</summary>
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Tessera.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"No Tessera.slnx above {AppContext.BaseDirectory}.");
        string shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
        if (!Directory.Exists(shared))
            throw new DirectoryNotFoundException($"Shared test data folder '{shared}' is missing (it holds the n2p2 files the tests read).");
        string path = System.IO.Path.Combine([shared, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException($"Shared test data '{path}' is missing.", path);
        return path;
    }
}
