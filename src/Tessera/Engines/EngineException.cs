namespace Tessera.Engines;

/// <summary>Why an external engine run failed.</summary>
public enum EngineFailure
{
    /// <summary>The program is not installed or not at the configured path.</summary>
    NotFound,
    /// <summary>The program stopped with a non-zero exit code or wrote no result.</summary>
    Crash,
    /// <summary>The run took longer than the configured limit and was killed.</summary>
    Timeout,
    /// <summary>The SCF (or another iterative solver) did not converge.</summary>
    NotConverged,
    /// <summary>The program rejected the input (unknown method, impossible charge/multiplicity, ...).</summary>
    InvalidInput,
    /// <summary>The program finished but its result file could not be read.</summary>
    BadOutput,
    /// <summary>The run was cancelled before this member finished.</summary>
    Cancelled,
}

/// <summary>A failed run of an external quantum engine. Carries the program, the working folder (kept on
/// disk for inspection when the run failed) and the program's own message (last lines of its output).</summary>
public sealed class EngineException(string program, EngineFailure failure, string problem,
                                    string? workingDirectory = null, string? programMessage = null)
    : Exception(Compose(program, problem, workingDirectory, programMessage))
{
    public string Program { get; } = program;
    public EngineFailure Failure { get; } = failure;
    public string Problem { get; } = problem;
    /// <summary>Folder the program ran in (kept after a failure), or null.</summary>
    public string? WorkingDirectory { get; } = workingDirectory;
    /// <summary>The program's own words: last lines of its error stream or output, or its exception text.</summary>
    public string? ProgramMessage { get; } = programMessage;

    /// <summary>The failure on one line, without the working folder: what an output file's error mark can hold.</summary>
    public string Reason => string.IsNullOrWhiteSpace(ProgramMessage) ? $"{Program}: {Problem}" : $"{Program}: {Problem}: {OneLine(ProgramMessage)}";

    /// <summary>A multi-line message as one line, its lines joined by "; ".</summary>
    public static string OneLine(string text) =>
        string.Join("; ", text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string Compose(string program, string problem, string? dir, string? message)
    {
        var text = $"{program}: {problem}";
        if (dir is not null) text += $" (working folder kept: {dir})";
        if (!string.IsNullOrWhiteSpace(message)) text += $"{Environment.NewLine}{program} said:{Environment.NewLine}{message.TrimEnd()}";
        return text;
    }
}
