using Tessera.Core;
using Tessera.Dynamics;
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

    private static FragmentTrajectory Trajectory(FragmentSettings settings) => new(new FragmentPotential(Toy, null, settings));

    [Theory]
    [InlineData(ReassignmentPolicy.Report)] [InlineData(ReassignmentPolicy.Throw)] [InlineData(ReassignmentPolicy.Freeze)]
    [InlineData(ReassignmentPolicy.Blend)]
    public void The_potential_is_pure_whatever_it_computed_before(ReassignmentPolicy policy)
    {
        var p = new FragmentPotential(Toy, new HarmonicTestPotential(0.003), FragmentSettings.Create(0, 4.0, reassignment: policy));
        var alone = new FragmentPotential(Toy, new HarmonicTestPotential(0.003), p.Settings).Compute(Zundel(0.55), Needs.Forces | Needs.Virial);
        p.Compute(Zundel(0.40), Needs.Forces); // another proton assignment first (freeze used to keep it for ever)
        var after = p.Compute(Zundel(0.55), Needs.Forces | Needs.Virial);
        Assert.Equal(alone.Energy, after.Energy);
        Assert.Equal(alone.Forces, after.Forces);
        Assert.Equal(alone.Virial, after.Virial);
    }

    [Fact]
    public void A_frozen_trajectory_assembles_over_its_first_units()
    {
        var settings = FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Freeze);
        var pure = new FragmentPotential(Toy, null, settings);
        var frozen = new FragmentTrajectory(pure);
        frozen.Compute(Zundel(0.40), Needs.Energy);
        var firstUnits = UnitFinder.Group(Zundel(0.40));
        Assert.Equal(pure.Compute(Zundel(0.55), firstUnits, Needs.Energy).Energy, frozen.Compute(Zundel(0.55), Needs.Energy).Energy);
        Assert.NotEqual(pure.Compute(Zundel(0.55), Needs.Energy).Energy, frozen.Compute(Zundel(0.55), Needs.Energy).Energy);
        Assert.Equal(pure.Name, frozen.Name); // an MD trajectory's model stamp is unchanged
    }

    [Fact]
    public void Only_potentials_assembled_over_units_get_a_trajectory()
    {
        Assert.Same(Toy, FragmentTrajectory.For(Toy));
        var pure = new FragmentPotential(Toy, null, FragmentSettings.Create(0, 4.0));
        Assert.Same(pure, Assert.IsType<FragmentTrajectory>(FragmentTrajectory.For(pure)).Potential);
        Assert.NotSame(FragmentTrajectory.For(pure), FragmentTrajectory.For(pure)); // each run its own history
    }

    /// <summary>MD through a hop under freeze, killed after it and resumed from the last state: with the structure the
    /// run began from the resumed run keeps the first units and ends bitwise where the uninterrupted one does.</summary>
    [Fact]
    public void A_resumed_frozen_trajectory_continues_as_the_uninterrupted_one()
    {
        var pure = new FragmentPotential(Toy, null, FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Freeze));
        MdState Begin() => MdState.Create(Zundel(0.40), [.. Enumerable.Range(0, 7).Select(i => i == 6 ? new Vec3(0.08, 0, 0) : Vec3.Zero)], momentumFixed: false);
        void Run(MdState state, IPotential p, long to) => MolecularDynamics.Run(state, p, new VelocityVerlet(0.2), MdRunSettings.Create(to));
        var straight = Begin();
        var tracked = new FragmentTrajectory(pure);
        Run(straight, tracked, 60);
        var killed = Begin();
        Run(killed, FragmentTrajectory.For(pure), 30);
        Assert.True(UnitFinder.Group(Zundel(0.40))[0].Contains(6) && !UnitFinder.Group(killed.Structure)[0].Contains(6),
                    "the proton should have hopped by step 30");
        MdState Resume() => MdState.Create(killed.Structure.WithPositions([.. killed.Structure.Positions]), [.. killed.Velocities],
                                           momentumFixed: false, killed.Step, killed.TimeFs);
        var resumed = Resume();
        var restarted = Resume();
        Run(resumed, FragmentTrajectory.For(pure, () => Zundel(0.40)), 60);
        Run(restarted, FragmentTrajectory.For(pure), 60);
        Assert.Equal(straight.Structure.Positions, resumed.Structure.Positions);
        Assert.Equal(straight.TotalEnergy, resumed.TotalEnergy);
        Assert.NotEqual(straight.TotalEnergy, restarted.TotalEnergy); // without it the resumed run would freeze the hopped units
    }

    [Fact]
    public void A_proton_hop_is_counted_and_reported()
    {
        var p = Trajectory(FragmentSettings.Create(0, 4.0));
        var seen = new List<UnitReassignment>();
        p.Tracker.UnitsReassigned += (_, e) => seen.Add(e);
        p.Compute(Zundel(0.40), Needs.Energy);
        p.Compute(Zundel(0.45), Needs.Energy);
        Assert.Equal(0, p.Tracker.Reassignments);
        p.Compute(Zundel(0.55), Needs.Energy);
        Assert.Equal(1, p.Tracker.Reassignments);
        Assert.Equal([6], Assert.Single(seen).MovedAtoms);
    }

    [Fact]
    public void Throw_policy_raises_a_typed_error_naming_the_atom()
    {
        var p = Trajectory(FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Throw));
        p.Compute(Zundel(0.45), Needs.Energy);
        var e = Assert.Throws<UnitReassignmentException>(() => p.Compute(Zundel(0.55), Needs.Energy));
        Assert.Equal([6], e.Change.MovedAtoms);
    }

    [Fact]
    public void Freeze_policy_keeps_the_energy_continuous_through_the_hop()
    {
        var report = Trajectory(FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Report));
        var freeze = Trajectory(FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Freeze));
        double Jump(IPotential p) => Math.Abs(p.Compute(Zundel(0.50001), Needs.Energy).Energy - p.Compute(Zundel(0.49999), Needs.Energy).Energy);
        freeze.Compute(Zundel(0.4), Needs.Energy);
        report.Compute(Zundel(0.4), Needs.Energy);
        double frozen = Jump(freeze), reported = Jump(report);
        Assert.True(frozen < 2e-5, $"frozen jump {frozen}");
        Assert.True(reported > 100 * frozen, $"reported jump {reported} vs frozen {frozen}");
        Assert.Equal(2, freeze.Tracker.Reassignments); // still counted: 0.4 -> 0.50001 -> 0.49999 changes twice
    }

    [Theory]
    [InlineData(0.4595)] [InlineData(0.47)] [InlineData(0.5)] [InlineData(0.53)]
    public void Blended_forces_pass_finite_differences_while_the_proton_is_shared(double t)
    {
        var settings = FragmentSettings.Create(1, 4.0, switchOn: 3.0, reassignment: ReassignmentPolicy.Blend, blendWidth: 0.2);
        var p = new FragmentPotential(Toy, new HarmonicTestPotential(0.003), settings);
        var check = ForceCheck.Run(p, Zundel(t), 1e-5);
        Assert.True(check.RelativeError < 1e-6, $"max error {check.MaxAbsError} (max force {check.MaxForce})");
    }

    [Fact]
    public void Blended_energy_is_continuous_through_a_proton_hop_and_matches_the_forces()
    {
        const double step = 0.002;
        var settings = FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Blend, blendWidth: 0.2);
        var blended = Trajectory(settings);
        var reported = new FragmentPotential(Toy, null, FragmentSettings.Create(0, 4.0, reassignment: ReassignmentPolicy.Report));
        var rows = new List<(double E, double W, double HardE, double HardW)>();
        var direction = new Vec3(2.4, 0, 0); // the proton moves along O0 -> O3 by step * 2.4 A
        for (double t = 0.40; t <= 0.60 + 1e-9; t += step)
        {
            var s = Zundel(t);
            var r = blended.Compute(s);
            var h = reported.Compute(s);
            rows.Add((r.Energy, Vec3.Dot(r.Forces![6], direction), h.Energy, Vec3.Dot(h.Forces![6], direction)));
        }
        // Energy change per step against the work of the forces (trapezoid, error ~ step^3 F''/12; the
        // toy's two assignments differ a lot, so the blended force is steep).
        double Mismatch(int i, bool hard) => hard
            ? Math.Abs(rows[i].HardE - rows[i - 1].HardE + 0.5 * (rows[i].HardW + rows[i - 1].HardW) * step)
            : Math.Abs(rows[i].E - rows[i - 1].E + 0.5 * (rows[i].W + rows[i - 1].W) * step);
        double worstBlend = Enumerable.Range(1, rows.Count - 1).Max(i => Mismatch(i, false));
        double worstHard = Enumerable.Range(1, rows.Count - 1).Max(i => Mismatch(i, true));
        Assert.True(worstBlend < 1e-5, $"blended energy/force mismatch {worstBlend}");
        Assert.True(worstHard > 100 * worstBlend, $"report-policy jump {worstHard} vs blended mismatch {worstBlend}");
        Assert.True(blended.Tracker.Reassignments >= 1); // the nearest-atom assignment did change
    }
}
