using System.Diagnostics;

namespace Tessera.Tests.BadInput;

/// <summary>The real `tessera` program (Tessera.Cli.dll beside the tests) run as a child process, so exit codes,
/// stderr and unhandled exceptions are exactly what a user sees.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, bool TimedOut);

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "Tessera.Cli.dll");

    /// <summary>The command line that runs the CLI: `dotnet Tessera.Cli.dll`, or the program TESSERA_TEST_CLI names
    /// (a published build, e.g. the NativeAOT .tessera/bin/Tessera.Cli), so the same tests check that build.</summary>
    public static string[] Command =>
        Environment.GetEnvironmentVariable("TESSERA_TEST_CLI") is { Length: > 0 } cli ? [cli] : ["dotnet", CliDll];

    /// <summary>Starts the CLI (<see cref="Command"/>) with args in <paramref name="folder"/> with a private result cache.</summary>
    public static Process Start(string folder, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var command = Command;
        var psi = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["TESSERA_CACHE"] = Path.Combine(folder, ".cache", "results.sqlite");
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["COLUMNS"] = "200";
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {command[0]}");
    }

    public static Outcome Run(string folder, IEnumerable<string> args, TimeSpan? timeout = null,
                              IReadOnlyDictionary<string, string>? env = null)
    {
        using var p = Start(folder, args, env);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        bool done = p.WaitForExit(timeout ?? TimeSpan.FromSeconds(120));
        if (!done) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        return new Outcome(done ? p.ExitCode : -1, stdout.Result, stderr.Result, !done);
    }
}
