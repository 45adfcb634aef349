using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Tessera.Tests.BadInput;

/// <summary>Runs one <see cref="BadInputCase"/> through the real CLI and checks the contract for a user's
/// mistake: non-zero exit, one short message naming what is wrong, no stack trace, nothing written under the
/// output names, no temporary files left, inputs untouched. With TESSERA_CORPUS_LOG set, each case appends one
/// tab-separated row (command, id, clear, stack trace, data lost) for the corpus table
/// (scripts/bad-input-table.sh).</summary>
public static partial class BadInputRunner
{
    /// <summary>A .NET stack frame or an unhandled-exception banner.</summary>
    [GeneratedRegex(@"(^\s+at \S+.*\)|Unhandled exception|^\s*---> |System\.[A-Za-z.]*Exception)", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    public static void Check(BadInputCase c)
    {
        string folder = Data.Temp.Folder();
        try
        {
            foreach (var (name, bytes) in c.Files) Write(folder, name, bytes);
            foreach (var (name, repoPath) in c.RepoFiles) Write(folder, name, File.ReadAllBytes(RepoPath(repoPath)));
            var before = Snapshot(folder);

            var o = CliProcess.Run(folder, c.Args);

            bool stack = StackTrace().IsMatch(o.Stderr) || StackTrace().IsMatch(o.Stdout);
            var lost = new List<string>();
            foreach (var output in c.Outputs)
                if (File.Exists(Path.Combine(folder, output)) || Directory.Exists(Path.Combine(folder, output)))
                    lost.Add($"'{output}' exists after a failed run");
            foreach (var tmp in Directory.EnumerateFiles(folder, "*.tmp", SearchOption.AllDirectories))
                lost.Add($"temporary file '{Path.GetRelativePath(folder, tmp)}' left behind");
            if (c.InputsMustSurvive)
            {
                var after = Snapshot(folder);
                foreach (var (name, hash) in before)
                    if (!after.TryGetValue(name, out var h) || h != hash) lost.Add($"input '{name}' was changed or removed");
            }
            var missing = c.MustName.Where(w => !o.Stderr.Contains(w, StringComparison.OrdinalIgnoreCase)).ToList();
            int lines = o.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            bool exitOk = c.ExitCodes is null ? o.ExitCode != 0 : c.ExitCodes.Contains(o.ExitCode);
            bool clear = exitOk && !o.TimedOut && !stack && missing.Count == 0 && lines is > 0 and <= 8;

            Log(c, clear, stack, lost.Count > 0);
            string detail = $"{c}: exit {o.ExitCode}{(o.TimedOut ? " (timed out)" : "")}\nargs: {string.Join(' ', c.Args)}\nstderr:\n{o.Stderr}\nstdout (tail):\n{Tail(o.Stdout)}";
            Assert.False(stack, $"stack trace printed. {detail}");
            Assert.True(lost.Count == 0, $"data lost: {string.Join("; ", lost)}. {detail}");
            Assert.True(exitOk, $"exit code not as expected. {detail}");
            Assert.True(missing.Count == 0, $"stderr does not name {string.Join(", ", missing.Select(m => $"'{m}'"))}. {detail}");
            Assert.True(lines is > 0 and <= 8, $"expected one short message on stderr, got {lines} lines. {detail}");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    public static string RepoPath(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tessera.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Tessera.slnx above the tests"), relative);
    }

    private static void Write(string folder, string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).StartsWith(".cache"))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string Tail(string s) => s.Length <= 1500 ? s : s[^1500..];

    private static readonly Lock LogLock = new();

    private static void Log(BadInputCase c, bool clear, bool stack, bool lost)
    {
        string? log = Environment.GetEnvironmentVariable("TESSERA_CORPUS_LOG");
        if (string.IsNullOrEmpty(log)) return;
        lock (LogLock) File.AppendAllText(log, $"{c.Command}\t{c.Id}\t{(clear ? 1 : 0)}\t{(stack ? 1 : 0)}\t{(lost ? 1 : 0)}\n");
    }
}
