using Tessera.Core;

namespace Tessera.IO;

/// <summary>The frame skeleton shared by xyz and extxyz: an atom-count line, a comment line, then one line per atom.</summary>
internal static class XyzLines
{
    /// <summary>Reads the atom count of the next frame; false at the end of the file (trailing blank lines allowed).</summary>
    public static bool TryReadCount(LineReader r, out int count)
    {
        count = 0;
        string? line = r.Next();
        if (line is null) return false;
        if (string.IsNullOrWhiteSpace(line))
        {
            int blank = r.Line;
            if (r.OnlyBlankLinesRemain()) return false;
            throw r.Error(blank, "blank line where an atom count was expected.");
        }
        string t = line.Trim();
        if (!int.TryParse(t, out count) || count < 0)
            throw r.Error($"expected an atom count (a non-negative integer), found '{t}'.");
        return true;
    }

    /// <summary>Room reserved for a frame's atoms before they are read: the declared count is only a claim (a
    /// damaged file may declare 2e9 atoms in a few bytes), so arrays grow with the lines actually read.</summary>
    public static int InitialCapacity(long count) => (int)Math.Min(count, 4096);

    public static string ReadComment(LineReader r, int count) =>
        r.Next() ?? throw r.Error(r.Line + 1, $"file ends before the comment line of a frame of {count} atoms.");

    public static string ReadAtomLine(LineReader r, int count, int index) =>
        r.Next() ?? throw r.Error(r.Line + 1, $"truncated frame: expected {count} atom lines, found {index}.");

    /// <summary>An element symbol (any case) or an atomic number.</summary>
    public static int ParseElement(LineReader r, string token)
    {
        if (Element.TryFromSymbol(token, out var e)) return e.Number;
        if (int.TryParse(token, out int z) && z is >= 1 and <= Element.MaxNumber) return z;
        throw r.Error($"unknown element '{token}'.");
    }
}
