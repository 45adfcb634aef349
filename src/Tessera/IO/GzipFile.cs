namespace Tessera.IO;

/// <summary>The one way input files that may be gzip-compressed (a ".gz" name) are opened and written, so
/// every reader (structures, selections) gets the same checks: a truncated or corrupted .gz, or a plain file
/// named .gz, is an error naming the file instead of a silently shorter read.</summary>
public static class GzipFile
{
    public static bool HasGzipName(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's bytes, decompressed and checked against the gzip trailer when the name ends in .gz.</summary>
    public static Stream OpenRead(string path) => HasGzipName(path) ? CheckedGzipStream.Open(path) : File.OpenRead(path);

    /// <summary>A new file (FileMode.CreateNew), gzip-compressed when <paramref name="gzip"/>.</summary>
    public static Stream Create(string path, bool gzip)
    {
        Stream s = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        return gzip ? new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Optimal) : s;
    }
}
