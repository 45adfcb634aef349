namespace Tessera.Potentials;

/// <summary>The program versions behind a potential, as calc records them beside its results (engine_version).</summary>
public static class ProgramVersions
{
    /// <summary>A program's own version; "program version; ..." for an assembly of programs; empty for anything else.</summary>
    public static string Of(IPotential p) => p switch
    {
        IProgramPotential e => e.ProgramVersion,
        IProgramLevels levels => string.Join("; ", levels.Programs.Select(e => $"{e.Program} {e.ProgramVersion}")),
        _ => "",
    };
}
