namespace Tessera.Cli;

/// <summary>Builds a folder of several files under a hidden sibling name and moves it into place when complete, so
/// the final name only ever holds a finished result (a kill or an error mid-way leaves at most the sibling, which
/// the next run clears), never a mix of files from different stages.</summary>
internal static class FolderSwap
{
    /// <summary>Runs <paramref name="build"/> on an empty staging folder, then replaces <paramref name="target"/> with it.
    /// On an error the staging folder is removed and <paramref name="target"/> is left as it was.</summary>
    public static T Build<T>(string target, Func<string, T> build)
    {
        string full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        string parent = Path.GetDirectoryName(full)!, name = Path.GetFileName(full);
        string staging = Path.Combine(parent, $".{name}.partial");
        if (File.Exists(full)) throw new IOException($"'{target}' is a file; the model is a folder: choose another --output.");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        T result;
        try { result = build(staging); }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
        string old = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.old");
        if (Directory.Exists(full)) Directory.Move(full, old);
        Directory.Move(staging, full);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        return result;
    }
}
