namespace Tessera.IO;

/// <summary>A malformed input file: names the file, the 1-based line and what is wrong.</summary>
public sealed class FileFormatException(string file, int line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
