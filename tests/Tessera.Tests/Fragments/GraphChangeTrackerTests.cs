using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

/// <summary>Graph changes and proton hops as a trajectory counts them, on hand-made water structures.</summary>
public class GraphChangeTrackerTests
{
    private static readonly IPotential Toy = new SumPotential([new HarmonicTestPotential(0.005), new ThreeBodyTestPotential()]);

    /// <summary>Two waters with their oxygens <paramref name="d"/> apart along x.</summary>
    private static Structure Pair(double d) => new([8, 1, 1, 8, 1, 1],
    [
        new(0, 0, 0), new(-0.55, 0.78, 0), new(-0.55, -0.78, 0),
        new(d, 0, 0), new(d + 0.55, 0.78, 0), new(d + 0.55, -0.78, 0),
    ]);

    private static FragmentTrajectory Trajectory(double cutoff, double? on = null) =>
        new(new FragmentPotential(Toy, null, FragmentSettings.Create(1, cutoff, switchOn: on)));

    [Fact]
    public void Each_crossing_of_the_cutoff_is_one_graph_change()
    {
        var t = Trajectory(3.0);
        double[] path = [2.8, 2.9, 3.1, 3.2, 2.95, 2.9, 3.05];
        var seen = path.Select(d => { t.Compute(Pair(d), Needs.Energy); return t.Graph.Changes; }).ToArray();
        Assert.Equal([0L, 0, 1, 1, 2, 2, 3], seen);
        Assert.Equal(0, t.Graph.Edges);
        Assert.Equal(0, t.Tracker.Reassignments);
    }

    [Fact]
    public void An_edge_in_the_switching_region_is_counted_as_switching_not_as_a_change()
    {
        var t = Trajectory(3.0, on: 2.5);
        int[] switching = new[] { 2.4, 2.7, 2.9, 3.1 }.Select(d => { t.Compute(Pair(d), Needs.Energy); return t.Graph.SwitchingEdges; }).ToArray();
        Assert.Equal([0, 1, 1, 0], switching);
        Assert.Equal(1, t.Graph.Changes); // only leaving r_off changes the graph
    }

    /// <summary>H3O+ (O4 with the shared proton H0) + H2O (O1) + H2O (O7 near O1 only): the proton at fraction
    /// <paramref name="t"/> of the way from O4 to O1. Its hop to O1 also reorders the unit list (units are ordered by
    /// their lowest atom, H0), so edges named by unit index would change although no edge crossed the cutoff.</summary>
    internal static Structure Hop(double t)
    {
        Vec3 o1 = new(0, 0, 0), o4 = new(2.4, 0, 0), o7 = new(0, 2.8, 0);
        return new Structure([1, 8, 1, 1, 8, 1, 1, 8, 1, 1],
        [
            o4 + t * (o1 - o4) + new Vec3(0, -0.05, 0),
            o1, new(-0.55, 0.3, 0.8), new(-0.55, -0.3, -0.8),
            o4, new(2.9, 0.8, 0.3), new(3.05, -0.7, -0.3),
            o7, new(0.6, 3.55, 0), new(-0.6, 3.55, 0),
        ], charge: 1);
    }

    [Fact]
    public void A_proton_hop_is_one_hop_and_the_relabelled_units_are_no_graph_change()
    {
        var t = Trajectory(3.0);
        var hops = new List<UnitReassignment>();
        t.Tracker.UnitsReassigned += (_, e) => hops.Add(e);
        t.Compute(Hop(0.40), Needs.Energy);
        Assert.Equal(2, t.Graph.Edges); // O1-O4 and O1-O7; O4-O7 is 3.7 A apart
        t.Compute(Hop(0.45), Needs.Energy);
        t.Compute(Hop(0.60), Needs.Energy);
        t.Compute(Hop(0.65), Needs.Energy);
        Assert.NotEqual(UnitFinder.Group(Hop(0.40))[0], UnitFinder.Group(Hop(0.60))[0]); // H0 changed units: relabelled
        Assert.Equal(1, t.Tracker.Reassignments);
        Assert.Equal(3, Assert.Single(hops).Call);
        Assert.Equal([0], hops[0].MovedAtoms);
        Assert.Equal(0, t.Graph.Changes);
        Assert.Equal(2, t.Graph.Edges);
    }

    [Fact]
    public void Symmetric_difference_counts_keys_in_exactly_one_set()
    {
        Assert.Equal(0, GraphChangeTracker.SymmetricDifference([1, 5, 9], [1, 5, 9]));
        Assert.Equal(3, GraphChangeTracker.SymmetricDifference([1, 5, 9], [1, 7]));
        Assert.Equal(2, GraphChangeTracker.SymmetricDifference([], [2, 3]));
    }
}
