using System.Text;
using Tessera.Core;

namespace Tessera.IO;

/// <summary>The one entry point for structure files: xyz, extxyz and n2p2 input.data, each optionally
/// gzip-compressed (".gz"). Formats are named "xyz", "extxyz" and "n2p2".</summary>
public static class StructureFile
{
    public const string XyzFormat = "xyz";
    public const string ExtXyzFormat = "extxyz";
    public const string N2p2Format = "n2p2";
    public static readonly IReadOnlyList<string> Formats = [XyzFormat, ExtXyzFormat, N2p2Format];

    /// <summary>Lazily reads the frames one by one (the file stays open until enumeration ends).
    /// Malformed input throws <see cref="FileFormatException"/>. <paramref name="n2p2Units"/>: the units of an n2p2
    /// file (Bohr/Hartree when null); other formats are Angstrom/eV.</summary>
    public static IEnumerable<Structure> Read(string path, string? format = null, N2p2Units? n2p2Units = null)
    {
        string fmt = format is null ? DetectFormat(path) : Normalise(format);
        using var reader = OpenText(path);
        var frames = fmt switch
        {
            XyzFormat => Xyz.Read(reader, path),
            ExtXyzFormat => ExtXyz.Read(reader, path),
            _ => N2p2Data.Read(reader, path, n2p2Units),
        };
        foreach (var s in frames) yield return s;
    }

    public static IReadOnlyList<Structure> ReadAll(string path, string? format = null, N2p2Units? n2p2Units = null) => Read(path, format, n2p2Units).ToList();

    /// <summary>Writes all frames atomically (<see cref="AtomicFile"/>): nothing appears under <paramref name="path"/>
    /// unless every frame was written. ".xyz" writes extxyz (lossless). <paramref name="n2p2Units"/> as for <see cref="Read"/>.</summary>
    public static void Write(string path, IEnumerable<Structure> frames, string? format = null, N2p2Units? n2p2Units = null)
    {
        string fmt = format is null ? DetectFormat(path) : Normalise(format);
        Action<TextWriter, Structure> write = fmt switch
        {
            XyzFormat => Xyz.Write,
            ExtXyzFormat => ExtXyz.Write,
            _ => (w, s) => N2p2Data.Write(w, s, n2p2Units),
        };
        AtomicFile.WriteText(path, w => { foreach (var s in frames) write(w, s); });
    }

    /// <summary>Format from the name (a ".gz" suffix is ignored): .extxyz -> extxyz; .xyz -> extxyz when the
    /// first comment line has Lattice= or Properties= (or the file does not exist yet), else xyz;
    /// input.data or .data -> n2p2.</summary>
    public static string DetectFormat(string path)
    {
        string name = Path.GetFileName(IsGzip(path) ? path[..^3] : path);
        string ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext == ".extxyz") return ExtXyzFormat;
        if (ext == ".xyz") return File.Exists(path) && !LooksExtended(path) ? XyzFormat : ExtXyzFormat;
        if (ext == ".data" || name.Equals("input.data", StringComparison.OrdinalIgnoreCase)) return N2p2Format;
        throw new ArgumentException($"Cannot tell the format of '{path}' from its name; give one of: {string.Join(", ", Formats)}.");
    }

    private static bool LooksExtended(string path)
    {
        using var text = OpenText(path);
        var r = new LineReader(text, path);
        r.Next();
        string? comment = r.Next();
        return comment is not null && (comment.Contains("Properties=") || comment.Contains("Lattice="));
    }

    private static string Normalise(string format)
    {
        string f = format.Trim().ToLowerInvariant();
        return f switch
        {
            XyzFormat or ExtXyzFormat or N2p2Format => f,
            "input.data" => N2p2Format,
            _ => throw new ArgumentException($"Unknown structure format '{format}'; known: {string.Join(", ", Formats)}."),
        };
    }

    private static bool IsGzip(string path) => GzipFile.HasGzipName(path);

    /// <summary>64 KiB reads: fewer, larger reads keep the gzip check's per-read marks small on big trajectories.</summary>
    private static StreamReader OpenText(string path) => new(GzipFile.OpenRead(path), Encoding.UTF8, true, 1 << 16);
}
