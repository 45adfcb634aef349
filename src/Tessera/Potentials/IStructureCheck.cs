using Tessera.Core;

namespace Tessera.Potentials;

/// <summary>A potential that can refuse a structure before anything is computed. A refusal is a settings mistake
/// (a cell too small for a fragment cutoff), not a failed calculation, so a command over many frames checks them all
/// first and refuses before any engine runs.</summary>
public interface IStructureCheck : IPotential
{
    /// <summary>Returns when <paramref name="structure"/> can be computed with these settings; throws (a typed error
    /// saying why and what to change) when it cannot.</summary>
    void Check(Structure structure);
}
