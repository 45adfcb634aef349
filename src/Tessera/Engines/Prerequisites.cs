using System.Runtime.InteropServices;

namespace Tessera.Engines;

/// <summary>What a prerequisite is: a program started, a shared library loaded, a Python module imported,
/// or a file Tessera writes.</summary>
public enum PrerequisiteKind { Program, Library, PythonModule, File }

/// <summary>What a probe found: present or not, its version and where it is, or what went wrong.</summary>
public sealed record ProbeOutcome(bool Found, string? Version = null, string? Location = null, string? Problem = null);

/// <summary>One thing Tessera uses from the machine, the Debian package that brings it, and how to find it.
/// <paramref name="Install"/> is the command that fixes a missing one (null: derived from the package).</summary>
public sealed record Prerequisite(string Name, PrerequisiteKind Kind, string UsedBy, string? DebianPackage,
                                  Func<ProbeOutcome> Probe, string? Install = null)
{
    /// <summary>The command that installs it (<c>sudo apt-get install PACKAGE</c>, without sudo for root), or the given fix.</summary>
    public string? InstallCommand => Install ?? (DebianPackage is null ? null : Prerequisites.AptInstall(DebianPackage));
}

/// <summary>A prerequisite with its probe's outcome and how long the probe took.</summary>
public sealed record PrerequisiteStatus(Prerequisite Item, ProbeOutcome Outcome, TimeSpan Elapsed = default)
{
    public bool Found => Outcome.Found;
}

/// <summary>Every engine, library and tool Tessera can use, each found the way the code that uses it finds it
/// (PATH for programs, the dynamic loader for libraries, Debian's /usr/bin/python3 for ASE), and quick probes
/// for them: <c>tessera doctor</c> and the set-up script use these. Probes run in parallel, each with a time
/// limit, so a whole check takes about as long as the slowest program's <c>--version</c> (psi4, ~1 s when idle).</summary>
public static class Prerequisites
{
    /// <summary>Debian's Python, where the python3-ase package installs ASE (the tests and ASE interop use it).</summary>
    public const string DebianPython = "/usr/bin/python3";
    public const string Chromium = "/usr/bin/chromium";
    /// <summary>Debian's Slurm node daemon and MUNGE daemon (in /usr/sbin, off a user's PATH), which the Slurm tests start.</summary>
    public const string Slurmd = "/usr/sbin/slurmd", Munged = "/usr/sbin/munged";
    /// <summary>Guard against a program that hangs. Probes take ~1 s on an idle machine (psi4's start is the
    /// slowest), several on a loaded one: a tight limit would report working engines as missing.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <summary><c>apt-get install PACKAGES</c>, after <c>sudo</c> unless this process is root (a root shell, e.g. a
    /// container, may have no sudo).</summary>
    public static string AptInstall(string packages) => $"{(Environment.IsPrivilegedProcess ? "" : "sudo ")}apt-get install {packages}";

    /// <summary>The standard list, in the order <c>tessera doctor</c> shows it.</summary>
    /// <param name="cachePath">The result cache file; null for <see cref="ResultCache.DefaultPath"/>.</param>
    /// <param name="timeout">Limit for each program probe; null for <see cref="ProbeTimeout"/>.</param>
    public static IReadOnlyList<Prerequisite> Standard(string? cachePath = null, TimeSpan? timeout = null)
    {
        var cache = Path.GetFullPath(cachePath ?? ResultCache.DefaultPath);
        var t = timeout ?? ProbeTimeout;
        return
        [
            new("xtb", PrerequisiteKind.Program, "engine xtb", "xtb",
                () => ProbeProgram("xtb", ["--version"], XtbOutputParser.Version, t)),
            new("libxtb.so.6", PrerequisiteKind.Library, "engine xtb-native (demo, MD)", "libxtb6",
                () => ProbeLibrary("libxtb.so.6", XtbApiVersion)),
            new("libgomp.so.1", PrerequisiteKind.Library, "xtb-native threads", "libgomp1",
                () => ProbeLibrary("libgomp.so.1")),
            new("psi4", PrerequisiteKind.Program, "engine psi4", "psi4",
                () => ProbeProgram("psi4", ["--version"], Psi4OutputParser.Version, t)),
            new("python3", PrerequisiteKind.Program, "ASE interop, tests", "python3",
                () => ProbeProgram(DebianPython, ["--version"], o => SecondWord(o, "Python"), t)),
            new("ase", PrerequisiteKind.PythonModule, "ASE interop, tests", "python3-ase",
                () => ProbePythonModule(DebianPython, "ase", t)),
            new("numpy", PrerequisiteKind.PythonModule, "ASE, analysis scripts", "python3-numpy",
                () => ProbePythonModule(DebianPython, "numpy", t)),
            new("chromium", PrerequisiteKind.Program, "HTML report tests", "chromium",
                () => ProbeProgram(Chromium, ["--version"], o => SecondWord(o, "Chromium"), t)),
            new("slurmd", PrerequisiteKind.Program, "Slurm labelling tests (a local cluster)", "slurm-wlm",
                () => ProbeProgram(Slurmd, ["-V"], o => SecondWord(o, "slurm-wlm") ?? SecondWord(o, "slurm"), t)),
            new("munged", PrerequisiteKind.Program, "Slurm authentication in those tests", "munge",
                () => ProbeProgram(Munged, ["--version"], o => o.Trim().StartsWith("munge-") ? o.Trim()["munge-".Length..].Split(' ')[0] : null, t)),
            new("result cache", PrerequisiteKind.File, "result cache", null,
                () => ProbeWritableFile(cache),
                $"mkdir -p {Path.GetDirectoryName(cache)} (or set TESSERA_CACHE to a writable file)"),
        ];
    }

    /// <summary>Runs every probe in parallel, each on a thread of its own (a busy thread pool cannot delay them);
    /// a probe that throws counts as missing, with the exception's message.</summary>
    public static IReadOnlyList<PrerequisiteStatus> Check(IEnumerable<Prerequisite> items)
    {
        var tasks = items.Select(p => Task.Factory.StartNew(() =>
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            try { return new PrerequisiteStatus(p, p.Probe(), sw.Elapsed); }
            catch (Exception e) { return new PrerequisiteStatus(p, new ProbeOutcome(false, Problem: e.Message), sw.Elapsed); }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Task.WaitAll(tasks);
        return tasks.Select(t => t.Result).ToArray();
    }

    /// <summary>Finds <paramref name="pathOrName"/> (a path, or a name on PATH, as the engines do) and runs it with
    /// <paramref name="versionArguments"/>; found when it ran and <paramref name="version"/> read a version.</summary>
    public static ProbeOutcome ProbeProgram(string pathOrName, string[] versionArguments, Func<string, string?> version,
                                            TimeSpan? timeout = null, string? label = null)
    {
        if (ProgramLocator.TryResolve(pathOrName) is not { } executable)
            return new ProbeOutcome(false, Problem: pathOrName.Contains('/') ? $"{pathOrName} does not exist" : $"'{pathOrName}' is not on the PATH");
        var command = $"'{label ?? $"{Path.GetFileName(executable)} {string.Join(' ', versionArguments)}"}'";
        using var folder = new WorkFolder("doctor");
        ProcessOutcome run;
        try
        {
            run = new ProcessRunner().Run(pathOrName, executable, versionArguments, folder.Path,
                                          new Dictionary<string, string>(), timeout ?? ProbeTimeout, CancellationToken.None);
        }
        catch (Exception e) when (e is EngineException or System.ComponentModel.Win32Exception)
        {
            return new ProbeOutcome(false, Location: executable, Problem: $"{command} failed: {FirstLine(e.Message)}");
        }
        var text = run.StandardOutput + "\n" + run.StandardError;
        return version(text) is { Length: > 0 } v
            ? new ProbeOutcome(true, v, executable)
            : new ProbeOutcome(false, Location: executable,
                               Problem: $"{command} gave no version (exit code {run.ExitCode}): {LastLine(text)}");
    }

    /// <summary>Loads a shared library the way the engines' bindings do (the dynamic loader's search by soname);
    /// the version is the versioned file the soname links to (libxtb.so.6 -> libxtb.so.6.5.1), plus what
    /// <paramref name="apiVersion"/> reads through the library's own API.</summary>
    public static ProbeOutcome ProbeLibrary(string soname, Func<nint, string?>? apiVersion = null)
    {
        nint handle;
        try { handle = NativeLibrary.Load(soname); }
        // .NET's message is a generic sentence, then the loader's own words (dlerror) line by line: keep the last.
        catch (DllNotFoundException e) { return new ProbeOutcome(false, Problem: $"not loadable: {LastLine(e.Message)}"); }
        catch (BadImageFormatException e) { return new ProbeOutcome(false, Problem: $"not loadable: {LastLine(e.Message)}"); }
        // The handle stays open: the engines' bindings load the same library, and unloading libgomp or libxtb
        // under a running engine (tests run in parallel) is not safe.
        var file = SonameTarget(soname);
        int so = file?.Name.IndexOf(".so.", StringComparison.Ordinal) ?? -1;
        var version = so > 0 ? file!.Name[(so + 4)..] : null;
        var api = apiVersion?.Invoke(handle);
        var text = (version, api) switch
        {
            (null, null) => "loaded",
            (null, _) => api,
            (_, null) => version,
            _ => $"{version} ({api})",
        };
        return new ProbeOutcome(true, text, file?.FullName ?? soname);
    }

    /// <summary>The file a library's soname resolves to in the usual library folders (null when not there).</summary>
    public static FileInfo? SonameTarget(string soname)
    {
        foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib" })
        {
            var link = Path.Combine(dir, soname);
            if (!File.Exists(link)) continue;
            return File.ResolveLinkTarget(link, true) is FileInfo target ? target : new FileInfo(link);
        }
        return null;
    }

    /// <summary>xtb's C API version (xtb_getAPIVersion: 10000 * major + 100 * minor + patch).</summary>
    public static unsafe string? XtbApiVersion(nint handle)
    {
        if (!NativeLibrary.TryGetExport(handle, "xtb_getAPIVersion", out var f)) return null;
        int v = ((delegate* unmanaged<int>)f)();
        return $"C API {v / 10000}.{v / 100 % 100}.{v % 100}";
    }

    /// <summary>Imports a module in <paramref name="python"/> and reads its <c>__version__</c>.</summary>
    public static ProbeOutcome ProbePythonModule(string python, string module, TimeSpan? timeout = null)
    {
        if (!File.Exists(python)) return new ProbeOutcome(false, Problem: $"{python} does not exist");
        var outcome = ProbeProgram(python, ["-c", $"import {module}; print('version', getattr({module}, '__version__', '?'))"],
                                   t => SecondWord(t, "version"), timeout, $"{Path.GetFileName(python)} -c \"import {module}\"");
        return outcome;
    }

    /// <summary>A file Tessera creates and writes (the result cache): its folder can be made and written to.</summary>
    public static ProbeOutcome ProbeWritableFile(string path)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".tessera-doctor-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            if (File.Exists(path))
            {
                using var _ = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
            return new ProbeOutcome(true, File.Exists(path) ? $"{new FileInfo(path).Length / 1024} KiB" : "new", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ProbeOutcome(false, Location: path, Problem: $"not writable: {e.Message}");
        }
    }

    private static string? SecondWord(string text, string first)
    {
        foreach (var line in text.Split('\n'))
        {
            var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && words[0] == first) return words[1];
        }
        return null;
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "";

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";
}
