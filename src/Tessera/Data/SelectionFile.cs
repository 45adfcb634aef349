using System.Text.Json;
using Tessera.IO;

namespace Tessera.Data;

/// <summary>Reads and writes <see cref="SelectionDocument"/>s: JSON, written atomically (temporary file, then
/// rename), checked on read (format version, consistency of every type's tessellation and ids); gzip-compressed
/// when the name ends in ".gz" (selections of large pools hold many centroids).</summary>
public static class SelectionFile
{
    public static void Write(string path, SelectionDocument document) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, document, DataJsonContext.Default.SelectionDocument));

    /// <exception cref="FileFormatException">Truncated, corrupted, foreign or inconsistent file.</exception>
    public static SelectionDocument Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Selection file '{path}' does not exist.", path);
        var doc = JsonFile.Read(path, DataJsonContext.Default.SelectionDocument, "selection file");
        if (doc.FormatVersion != SelectionDocument.CurrentFormat)
            throw new FileFormatException(path, 1, $"selection format version {doc.FormatVersion} is not the supported version {SelectionDocument.CurrentFormat}");
        try { Check(doc); }
        catch (ArgumentException e) { throw new FileFormatException(path, 1, $"inconsistent selection file: {e.Message}"); }
        return doc;
    }

    private static void Check(SelectionDocument doc)
    {
        doc.Settings.Validated();
        foreach (var t in doc.Types)
        {
            var tess = t.Tessellation;
            int dim = tess.Dimension;
            if (dim < 1 || tess.Mean.Length != dim || tess.Scale.Length != dim || tess.Centroids.Length != dim * tess.Radii.Length)
                throw new ArgumentException($"type {t.Type}: tessellation arrays do not match dimension {dim}");
            if (t.PoolIds.Length != tess.PoolSize) throw new ArgumentException($"type {t.Type}: {t.PoolIds.Length} pool ids for pool size {tess.PoolSize}");
            var ids = t.PoolIds.ToHashSet();
            if (t.Selected.Any(id => !ids.Contains(id))) throw new ArgumentException($"type {t.Type}: a selected id is not in the type's pool");
            if (tess.Selected.Any(i => i < 0 || i >= tess.PoolSize)) throw new ArgumentException($"type {t.Type}: tessellation selects outside its pool");
        }
        if (doc.Types.Sum(t => t.PoolIds.Length) != doc.PoolSize)
            throw new ArgumentException($"types hold {doc.Types.Sum(t => t.PoolIds.Length)} fragments, pool size is {doc.PoolSize}");
    }
}
