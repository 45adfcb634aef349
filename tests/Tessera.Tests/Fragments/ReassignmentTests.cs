using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

public class ReassignmentTests
{
    private static readonly IPotential Toy = new SumPotential([new HarmonicTestPotential(0.005), new ThreeBodyTestPotential()]);

    /// <summary>H5O2+ with the shared proton (atom 6) at fraction t of the way from O0 to O3.</summary>
    private static Structure Zundel(double t)
    {
        Vec3 o0 = new(0, 0, 0), o3 = new(2.4, 0, 0);
        return new Structure([8, 1, 1, 8, 1, 1, 1],
        [
            o0, new(-0.55, 0.78, 0), new(-0.55, -0.78, 0.1),
            o3, new(2.9, 0.8, 0.3), new(3.05, -0.7, -0.3),
            o0 + t * (o3 - o0) + new Vec3(0, 0.05, 0),
        ], charge: 1);
    }

    [Fact]
    public void A_proton_hop_is_counted_and_reported()
    {
        var p = new FragmentPotential(Toy, null, FragmentSettings.Create(0, 4.0));
        var seen = new List<UnitReassignment>();
        p.UnitsReassigned += (_, e) => seen.Add(e);
        p.Compute(Zundel(0.40), Needs.Energy);
        p.Compute(Zundel(0.45), Needs.Energy);
        Assert.Equal(0, p.Reassignments);
        p.Compute(Zundel(0.55), Needs.Energy);
        Assert.Equal(1, p.Reassignments);
        Assert.Equal([6], Assert.Single(seen).MovedAtoms);
    }

    [Fact]
    public void Throw_policy_raises_a_typed_error_naming_the_atom()
    {
        var p = new FragmentPotential(Toy, null, FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Throw));
        p.Compute(Zundel(0.45), Needs.Energy);
        var e = Assert.Throws<UnitReassignmentException>(() => p.Compute(Zundel(0.55), Needs.Energy));
        Assert.Equal([6], e.Change.MovedAtoms);
    }

    [Fact]
    public void Freeze_policy_keeps_the_energy_continuous_through_the_hop()
    {
        var report = new FragmentPotential(Toy, null, FragmentSettings.Create(0, 4.0));
        var freeze = new FragmentPotential(Toy, null, FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Freeze));
        double Jump(FragmentPotential p) => Math.Abs(p.Compute(Zundel(0.50001), Needs.Energy).Energy - p.Compute(Zundel(0.49999), Needs.Energy).Energy);
        freeze.Compute(Zundel(0.4), Needs.Energy);
        report.Compute(Zundel(0.4), Needs.Energy);
        double frozen = Jump(freeze), reported = Jump(report);
        Assert.True(frozen < 2e-5, $"frozen jump {frozen}");
        Assert.True(reported > 100 * frozen, $"reported jump {reported} vs frozen {frozen}");
        Assert.Equal(2, freeze.Reassignments); // still counted: 0.4 -> 0.50001 -> 0.49999 changes twice
    }
}
