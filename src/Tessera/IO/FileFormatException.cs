namespace Tessera.IO;

/// <summary>A malformed input file: names the file, the 1-based line and what is wrong (line 0: the problem
/// concerns the file as a whole, e.g. its compression, and the message names the file only).</summary>
public sealed class FileFormatException(string file, int line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
{
    public FileFormatException(string file, string problem) : this(file, 0, problem) { }

    public string File { get; } = file;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
