namespace Tessera.Engines;

/// <summary>The result cache file cannot be used (not a SQLite database, corrupted, unwritable).</summary>
public sealed class ResultCacheException(string file, string problem, Exception? inner = null)
    : Exception($"Result cache {file}: {problem}", inner)
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
