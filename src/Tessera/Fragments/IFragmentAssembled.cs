using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>A potential assembled over a structure's units. Its plain <see cref="IPotential.Compute"/> is pure (it
/// finds the units of the structure it is given); the overload with units lets whoever owns a trajectory keep an
/// assignment across steps (<see cref="FragmentTrajectory"/>) without the potential remembering anything.</summary>
public interface IFragmentAssembled : IStructureCheck
{
    FragmentSettings Settings { get; }

    /// <summary>A periodic cell must be wider than twice the cutoff, so each pair of units has one image.</summary>
    /// <exception cref="FragmentationException">The cell is too small for <see cref="FragmentSettings.Cutoff"/>.</exception>
    void IStructureCheck.Check(Structure structure) => FragmentGraph.RequireCellFits(structure, Settings.Cutoff);

    /// <summary>The energy with the atoms grouped into <paramref name="units"/> (each ascending, groups by lowest
    /// index, covering every atom), as <see cref="UnitFinder.Group"/> returns them.</summary>
    PotentialResult Compute(Structure structure, int[][] units, Needs needs);
}
