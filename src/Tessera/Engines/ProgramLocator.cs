namespace Tessera.Engines;

/// <summary>Finds an engine's executable: an explicit path, or a bare name searched on PATH.</summary>
public static class ProgramLocator
{
    /// <exception cref="EngineException">With <see cref="EngineFailure.NotFound"/> and the Debian package to install.</exception>
    public static string Resolve(string program, string pathOrName, string debianPackage) =>
        TryResolve(pathOrName) ?? throw new EngineException(program, EngineFailure.NotFound,
            $"{program} not found (looked for '{pathOrName}'): apt-get install {debianPackage}, or set the program path");

    /// <summary>The full path of an existing file, or of the first match of a bare name on PATH; null when none.</summary>
    public static string? TryResolve(string pathOrName)
    {
        if (pathOrName.Contains('/')) return File.Exists(pathOrName) ? Path.GetFullPath(pathOrName) : null;
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var d in dirs)
        {
            var candidate = Path.Combine(d, pathOrName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
