using System.Text;
using System.Text.RegularExpressions;

namespace Tessera.IO;

/// <summary>A malformed input file: names the file, the 1-based line and what is wrong (line 0: the problem
/// concerns the file as a whole, e.g. its compression, and the message names the file only). The problem
/// usually quotes the offending text; from a binary or runaway file that would be kilobytes of control
/// characters, so quotes are shortened and control characters shown as '?', keeping the message one line.</summary>
public sealed partial class FileFormatException(string file, int line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {Readable(problem)}" : $"{file}: {Readable(problem)}")
{
    public FileFormatException(string file, string problem) : this(file, 0, problem) { }

    public string File { get; } = file;
    public int Line { get; } = line;
    public string Problem { get; } = Readable(problem);

    private const int MaxQuote = 40, MaxProblem = 600;

    [GeneratedRegex("'([^']{" + "41,})'")]
    private static partial Regex LongQuote();

    private static string Readable(string problem)
    {
        var sb = new StringBuilder(problem.Length);
        foreach (char c in problem) sb.Append(char.IsControl(c) || c == '\uFFFD' ? '?' : c);
        string s = LongQuote().Replace(sb.ToString(), m => $"'{m.Groups[1].Value[..MaxQuote]}...'");
        return s.Length <= MaxProblem ? s : s[..MaxProblem] + "...";
    }
}
