using System.Text;

namespace Tessera.Tests.BadInput;

/// <summary>One malformed or hostile input for the real `tessera` command: the files it starts from, the
/// arguments, the words its error must name (a file, a line, an option or a key) and the paths that must not
/// exist afterwards (nothing half-written under the output name).</summary>
/// <param name="Command">The subcommand under test (the corpus table groups by it).</param>
/// <param name="Id">A short unique name: what is wrong.</param>
/// <param name="Args">Arguments after `tessera`; relative paths are inside the case's own folder.</param>
/// <param name="MustName">Every one of these must appear in stderr (case-insensitive).</param>
/// <param name="Outputs">Paths that must not exist after the run.</param>
public sealed record BadInputCase(string Command, string Id, string[] Args, string[] MustName, string[] Outputs)
{
    /// <summary>Files written into the case folder before the run (relative path -> bytes).</summary>
    public Dictionary<string, byte[]> Files { get; init; } = [];

    /// <summary>Extra files copied in from the repository (relative case path -> repository-relative path).</summary>
    public Dictionary<string, string> RepoFiles { get; init; } = [];

    /// <summary>Files that must be unchanged after the run (inputs a command may not destroy); by default every
    /// file the case starts with.</summary>
    public bool InputsMustSurvive { get; init; } = true;

    /// <summary>Exit codes accepted (any non-zero by default).</summary>
    public int[]? ExitCodes { get; init; }

    public BadInputCase WithFile(string name, string text) => this with { Files = new(Files) { [name] = Encoding.UTF8.GetBytes(text) } };
    public BadInputCase WithFile(string name, byte[] bytes) => this with { Files = new(Files) { [name] = bytes } };
    public BadInputCase WithRepoFile(string name, string repoPath) => this with { RepoFiles = new(RepoFiles) { [name] = repoPath } };

    public override string ToString() => $"{Command}/{Id}";
}
