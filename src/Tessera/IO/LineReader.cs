using System.Text;

namespace Tessera.IO;

/// <summary>Reads a text file line by line, counting 1-based line numbers so errors can name them. Lines end
/// at \n, \r\n or \r (as TextReader.ReadLine), but a line may not exceed <see cref="MaxLineLength"/>: a binary
/// file given by mistake has no line breaks, and reading it as one line would exhaust memory.</summary>
internal sealed class LineReader(TextReader reader, string file)
{
    /// <summary>Far beyond any structure file's line (an extxyz atom with thousands of columns), far below memory.</summary>
    public const int MaxLineLength = 1 << 24;

    private readonly char[] _buffer = new char[1 << 14];
    private readonly StringBuilder _line = new();
    private int _pos, _end;
    private bool _skipLineFeed, _atEnd;

    public string File { get; } = file;
    /// <summary>Number of the line last returned by <see cref="Next"/> (0 before the first).</summary>
    public int Line { get; private set; }

    /// <summary>The next line, or null at the end; a whole-file problem found while reading (a corrupted .gz)
    /// is reported at the line being read.</summary>
    public string? Next()
    {
        string? s;
        try { s = ReadLine(); }
        catch (FileFormatException e) when (e.Line == 0 && e.File == File) { throw Error(Line + 1, e.Problem); }
        if (s is not null) Line++;
        return s;
    }

    private string? ReadLine()
    {
        _line.Clear();
        bool any = false;
        while (true)
        {
            if (_pos == _end)
            {
                _pos = 0;
                _end = _atEnd ? 0 : reader.Read(_buffer, 0, _buffer.Length);
                if (_end == 0) { _atEnd = true; return any ? _line.ToString() : null; }
            }
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_pos] == '\n') { _pos++; continue; }
            }
            int start = _pos;
            int k = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny('\n', '\r');
            _pos = k < 0 ? _end : _pos + k;
            if (_line.Length + (_pos - start) > MaxLineLength)
                throw Error(Line + 1, $"line longer than {MaxLineLength} characters: this is not a text structure file (binary data?).");
            _line.Append(_buffer, start, _pos - start);
            any = true;
            if (_pos < _end)
            {
                _skipLineFeed = _buffer[_pos] == '\r';
                _pos++;
                return _line.ToString();
            }
        }
    }

    /// <summary>Every line of a plain text file with its 1-based number (n2p2's input.nn, scaling.data, weights).</summary>
    public static IEnumerable<(string Text, int Line)> Lines(string path)
    {
        using var text = System.IO.File.OpenText(path);
        var r = new LineReader(text, path);
        while (r.Next() is { } line) yield return (line, r.Line);
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
