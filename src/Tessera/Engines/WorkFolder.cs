namespace Tessera.Engines;

/// <summary>A fresh temporary folder for one engine run: deleted when the run succeeded, kept (and named in
/// the error) when it failed so the program's files can be inspected.</summary>
public sealed class WorkFolder : IDisposable
{
    public string Path { get; }
    private bool _keep;

    public WorkFolder(string program, string? parent = null)
    {
        var root = parent ?? System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(root, $"tessera-{program}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Keep the folder on disk after disposal (call on failure).</summary>
    public void Keep() => _keep = true;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (_keep) return;
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a lingering child process may hold a file; the folder is in temp anyway
        catch (UnauthorizedAccessException) { }
    }
}
