using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tessera.IO;

/// <summary>Reads one JSON document of Tessera's own (a selection, a campaign), gzip-compressed when the name ends in
/// ".gz"; a truncated, corrupted or null document is a <see cref="FileFormatException"/> naming the file, the line
/// and what the file should have been.</summary>
public static class JsonFile
{
    /// <param name="what">What the file is, for the message ("selection file").</param>
    public static T Read<T>(string path, JsonTypeInfo<T> type, string what) where T : class
    {
        T? document;
        try
        {
            using var stream = GzipFile.OpenRead(path);
            document = JsonSerializer.Deserialize(stream, type);
        }
        catch (JsonException e)
        {
            throw new FileFormatException(path, (int)(e.LineNumber ?? 0) + 1, $"not a valid {what} (truncated or corrupted JSON?): {e.Message}");
        }
        return document ?? throw new FileFormatException(path, 1, $"not a {what} (JSON null)");
    }
}
