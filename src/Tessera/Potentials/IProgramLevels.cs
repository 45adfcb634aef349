namespace Tessera.Potentials;

/// <summary>A potential assembled from levels that are external programs (a fragment assembly of engines): the
/// programs behind its numbers, so a command can record their versions without asking what kind of assembly it holds.</summary>
public interface IProgramLevels : IPotential
{
    /// <summary>The levels that are programs, low level before high; empty when none is.</summary>
    IReadOnlyList<IProgramPotential> Programs { get; }
}
