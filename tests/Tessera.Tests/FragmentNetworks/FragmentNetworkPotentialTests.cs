using Tessera.Core;
using Tessera.Descriptors;
using Tessera.FragmentNetworks;
using Tessera.Fragments;
using Tessera.IO;
using Tessera.Potentials;

namespace Tessera.Tests.FragmentNetworks;

public class FragmentNetworkPotentialTests
{
    private static FragmentNetworkModel Untrained(FragmentSettings settings, int ensemble = 2) =>
        FragmentModelFactory.Untrained(Enumerable.Range(0, 3).Select(i => ToyDeltaData.Cluster(6, 10 + i)), settings,
                                       FragmentDescriptorSettings.Default, FragmentTrainingSettings.Create(hidden: [8, 8], ensemble: ensemble));

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)]
    public void Forces_pass_finite_differences_with_the_low_level_inside_the_switching_region(int rank)
    {
        var settings = FragmentSettings.Create(rank, 3.6, switchOn: 2.7);
        var s = ToyDeltaData.Cluster(6, 3);
        Assert.Contains(Fragmentation.Create(s, settings).Graph.Edges, e => e.Weight is > 0.05 and < 0.95);
        var model = Untrained(settings);
        var p = new FragmentNetworkPotential(model, ToyDeltaData.Low);
        var check = ForceCheck.Run(p, s, 2e-5);
        Assert.True(check.RelativeError < 1e-6, $"max error {check.MaxAbsError} (max force {check.MaxForce})");
        // The corrections alone must carry real forces, or the check above only tests the low level.
        var c = ForceCheck.Run(p.Corrections, s, 2e-5);
        Assert.True(c.MaxForce > 1e-3 && c.RelativeError < 1e-6, $"corrections: max error {c.MaxAbsError} (max force {c.MaxForce})");
    }

    [Fact]
    public void Forces_pass_finite_differences_with_xtb_native_gfn1_as_low_level()
    {
        var settings = FragmentSettings.Create(1, 3.2, switchOn: 2.6);
        var s = ToyDeltaData.Cluster(3, 5);
        var model = Untrained(settings);
        using var low = (IDisposable)Tessera.Engines.EngineFactory.Create("xtb-native:gfn1");
        var p = new FragmentNetworkPotential(model, (IPotential)low);
        var check = ForceCheck.Run(p, s, 5e-4);
        // xtb's SCF convergence limits the finite differences to ~1e-4 eV/A; a wrong switching or descriptor
        // derivative is orders of magnitude larger (and is checked exactly with the toy low level above).
        Assert.True(check.MaxAbsError < 2e-4, $"max error {check.MaxAbsError} (max force {check.MaxForce})");
    }

    /// <summary>The low level plus the assembled corrections, added as FragmentNetworkPotential did before it was built
    /// from SumPotential: its predictions must not change by a bit.</summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)]
    public void Predictions_are_exactly_the_low_level_plus_the_corrections(int rank)
    {
        var settings = FragmentSettings.Create(rank, 3.6, switchOn: 2.7);
        var p = new FragmentNetworkPotential(Untrained(settings), ToyDeltaData.Low);
        foreach (int seed in new[] { 3, 4, 11 })
        {
            var s = ToyDeltaData.Cluster(5, seed);
            var l = ToyDeltaData.Low.Compute(s, Needs.Forces);
            var c = p.Corrections.Compute(s, Needs.Forces);
            var r = p.Compute(s, Needs.Forces);
            Assert.Equal(l.Energy + c.Energy, r.Energy);
            var f = r.RequireForces();
            for (int i = 0; i < s.Count; i++) Assert.Equal(l.RequireForces()[i] + c.RequireForces()[i], f[i]);
            Assert.Equal(l.Energy + c.Energy, p.Compute(s, Needs.Energy).Energy);
        }
    }

    /// <summary>A trajectory's units reach the corrections, and the low level is added as in a plain call.</summary>
    [Fact]
    public void A_trajectory_assembles_the_corrections_over_its_units_plus_the_low_level()
    {
        var settings = FragmentSettings.Create(2, 3.6, switchOn: 2.7, reassignment: ReassignmentPolicy.Freeze);
        var p = new FragmentNetworkPotential(Untrained(settings), ToyDeltaData.Low);
        var s = ToyDeltaData.Cluster(5, 3);
        var r = new FragmentTrajectory(p).Compute(s, Needs.Forces);
        var c = p.Corrections.Compute(s, UnitFinder.Group(s), Needs.Forces);
        Assert.Equal(c.Energy + ToyDeltaData.Low.Compute(s, Needs.Forces).Energy, r.Energy);
        Assert.Equal(p.Compute(s, Needs.Forces).Forces, r.Forces);
    }

    [Fact]
    public void Energy_is_invariant_and_forces_covariant()
    {
        var settings = FragmentSettings.Create(2, 3.6, switchOn: 2.7);
        var p = new FragmentNetworkPotential(Untrained(settings), ToyDeltaData.Low);
        var s = ToyDeltaData.Cluster(6, 4);
        PotentialAssert.TranslationInvariant(p, s, 1e-9);
        PotentialAssert.RotationInvariant(p, s, 1e-9);
        PotentialAssert.PermutationInvariant(p, s, 1e-9);
    }

    [Fact]
    public void Unknown_fragment_type_names_the_type()
    {
        var model = Untrained(FragmentSettings.Create(1, 3.0));
        var big = ToyDeltaData.Cluster(6, 4, spacing: 2.2);
        // A rank-1 model asked to assemble at rank 2 meets triangle types it has no networks for.
        var p = new FragmentNetworkPotential(model, ToyDeltaData.Low, FragmentSettings.Create(2, 3.0));
        var e = Assert.Throws<UnknownFragmentTypeException>(() => p.Compute(big));
        Assert.StartsWith("r2:", e.Type);
        Assert.Contains(e.Type, e.Message);
    }

    [Fact]
    public void Ensemble_spread_is_reported_and_zero_for_one_network()
    {
        var settings = FragmentSettings.Create(2, 3.6, switchOn: 2.7);
        var s = ToyDeltaData.Cluster(5, 6);
        Assert.True(new FragmentNetworkPotential(Untrained(settings, 3), ToyDeltaData.Low).Uncertainty(s) > 0);
        Assert.Equal(0, new FragmentNetworkPotential(Untrained(settings, 1), ToyDeltaData.Low).Uncertainty(s));
    }
}
