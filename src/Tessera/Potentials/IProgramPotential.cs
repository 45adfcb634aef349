namespace Tessera.Potentials;

/// <summary>A potential whose numbers come from an external program: which program, its version and the options
/// that change its numbers, so a command can write them beside the results (calc's engine_version and
/// engine_options) without asking what kind of engine it holds.</summary>
public interface IProgramPotential : IPotential
{
    /// <summary>The program's name, e.g. "xtb" or "psi4".</summary>
    string Program { get; }

    /// <summary>The program's version as it reports it.</summary>
    string ProgramVersion { get; }

    /// <summary>The options that change the numbers, canonical; empty when none are set.</summary>
    string ProgramOptions { get; }
}
