using System.Text;

namespace Tessera.IO;

/// <summary>The one way Tessera writes an output file: into a hidden temporary file in the same folder, renamed
/// over the final name only when the writer finished, so a failure or an interruption never leaves a half-written
/// file under that name. A missing folder is reported as the user's folder, not as the temporary file.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, gzip-compressed when the name ends in ".gz".</summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = RequireFolder(path);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = GzipFile.Create(temp, GzipFile.HasGzipName(path)))
                write(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The folder <paramref name="path"/> will be written in; commands call it before long work so a typo in
    /// the output path costs nothing.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static string RequireFolder(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Directory.Exists(folder) ? folder
            : throw new DirectoryNotFoundException($"Cannot write '{path}': the folder '{Path.GetDirectoryName(path)}' does not exist; create it first or choose another output path.");
    }

    /// <summary>Writes UTF-8 text (no byte-order mark).</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            write(w);
        });

    public static void WriteAllText(string path, string text) => WriteText(path, w => w.Write(text));
}
