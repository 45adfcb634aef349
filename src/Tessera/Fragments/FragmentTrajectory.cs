using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Fragments;

/// <summary>A fragment potential as one trajectory sees it: the pure <see cref="IFragmentAssembled"/> called with the
/// units a <see cref="UnitTracker"/> chooses from the trajectory's history. Make one per run (MD, optimisation, i-PI
/// session) with <see cref="For"/>; frames that are not a trajectory use the pure potential.</summary>
public sealed class FragmentTrajectory : IPotential
{
    public IFragmentAssembled Potential { get; }
    public UnitTracker Tracker { get; }
    /// <summary>Edges entering and leaving the graph along the trajectory (over the units the tracker chose).</summary>
    public GraphChangeTracker Graph { get; }

    public FragmentTrajectory(IFragmentAssembled potential)
    {
        Potential = potential;
        Tracker = new UnitTracker(potential.Settings.Reassignment, potential.Settings.BondTolerance);
        Graph = new GraphChangeTracker(potential.Settings.SwitchingFunction);
    }

    /// <summary>The potential's own name: a trajectory records which model made it, not how its history is kept.</summary>
    public string Name => Potential.Name;

    public PotentialResult Compute(Structure structure, Needs needs = Needs.Forces)
    {
        var units = Tracker.Assign(structure);
        Graph.Observe(structure, units);
        return Potential.Compute(structure, units, needs);
    }

    /// <summary>The units every step is assembled over under <see cref="ReassignmentPolicy.Freeze"/> (known from the first
    /// step on), for the trajectory file to keep; null under any other policy.</summary>
    public int[][]? FrozenUnits => Tracker.Policy == ReassignmentPolicy.Freeze ? Tracker.First : null;

    /// <summary>A fresh trajectory over <paramref name="potential"/> when it is assembled over units; any other
    /// potential has no history to keep and comes back as it is.</summary>
    /// <param name="startedFrom">For a run resumed mid-way: the structure the trajectory began from, whose units
    /// become the history's first (what freeze keeps; the graph's history starts at the first call), so the resumed run continues as the uninterrupted one. Asked
    /// for only when there is a history to keep and no <paramref name="startedWith"/> (reading it may fail: a run without units need not read it).</param>
    /// <param name="startedWith">For a run resumed mid-way: the units the trajectory began with, as it stored them
    /// (<see cref="FrozenUnits"/>); they stand even when the file the run began from has changed since.</param>
    public static IPotential For(IPotential potential, Func<Structure>? startedFrom = null, int[][]? startedWith = null)
    {
        if (potential is not IFragmentAssembled assembled) return potential;
        var trajectory = new FragmentTrajectory(assembled);
        if (startedWith is not null) trajectory.Tracker.Begin(startedWith);
        else if (startedFrom is not null) trajectory.Tracker.Assign(startedFrom());
        return trajectory;
    }
}
