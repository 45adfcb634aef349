namespace Tessera.IO;

/// <summary>Reads a text file line by line, counting 1-based line numbers so errors can name them.</summary>
internal sealed class LineReader(TextReader reader, string file)
{
    public string File { get; } = file;
    /// <summary>Number of the line last returned by <see cref="Next"/> (0 before the first).</summary>
    public int Line { get; private set; }

    /// <summary>The next line, or null at the end; a whole-file problem found while reading (a corrupted .gz)
    /// is reported at the line being read.</summary>
    public string? Next()
    {
        string? s;
        try { s = reader.ReadLine(); }
        catch (FileFormatException e) when (e.Line == 0 && e.File == File) { throw Error(Line + 1, e.Problem); }
        if (s is not null) Line++;
        return s;
    }

    /// <summary>An error on the line last read.</summary>
    public FileFormatException Error(string problem) => new(File, Line, problem);

    public FileFormatException Error(int line, string problem) => new(File, line, problem);

    /// <summary>True when only blank lines remain (consumes them).</summary>
    public bool OnlyBlankLinesRemain()
    {
        string? s;
        while ((s = Next()) is not null)
            if (!string.IsNullOrWhiteSpace(s)) return false;
        return true;
    }
}
