using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

public class ReassignmentTests
{
    private static readonly IPotential Toy = new SumPotential([new HarmonicTestPotential(0.005), new ThreeBodyTestPotential()]);

    /// <summary>H5O2+ with the shared proton (atom 6) at fraction t of the way from O0 to O3.</summary>
    internal static Structure Zundel(double t)
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
    /// run began from, or with the units the run froze, the resumed run keeps the first units and ends bitwise where the
    /// uninterrupted one does.</summary>
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
        // The units the trajectory stored stand even when the structure it began from was edited since (proton moved over).
        var stored = Resume();
        Run(stored, FragmentTrajectory.For(pure, () => Zundel(0.60), tracked.FrozenUnits), 60);
        Assert.Equal(straight.Structure.Positions, stored.Structure.Positions);
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

    /// <summary>H7O3+ as a Grotthuss chain O0 -> O1 -> O2: the hydronium's proton a (atom 8) at fraction ta of O0 -> O1,
    /// the water O1's proton b (atom 9) at fraction tb of O1 -> O2. With b past its midpoint and a not, the nearest-atom
    /// units are H3O, HO, H3O.</summary>
    private static Structure Chain(double ta, double tb)
    {
        Vec3 o0 = new(0, 0, 0), o1 = new(2.4, 0, 0), o2 = new(4.7, 0.6, 0);
        return new Structure([8, 1, 1, 8, 1, 8, 1, 1, 1, 1],
        [
            o0, new(-0.55, 0.78, 0), new(-0.55, -0.78, 0.1),
            o1, new(2.6, -0.2, 0.95),
            o2, new(5.1, 1.1, 0.7), new(5.3, 0.4, -0.6),
            o0 + ta * (o1 - o0) + new Vec3(0, 0.05, 0),
            o1 + tb * (o2 - o1) + new Vec3(0, 0, 0.05),
        ], charge: 1);
    }

    private static FragmentPotential ChainPotential() =>
        new(Toy, new HarmonicTestPotential(0.003),
            FragmentSettings.Create(2, 5.5, switchOn: 4.5, reassignment: ReassignmentPolicy.Blend, blendWidth: 0.2));

    [Fact]
    public void A_proton_passed_on_before_the_next_arrives_keeps_only_the_assignments_the_fragmentation_accepts()
    {
        var p = ChainPotential();
        // a clearly on O0; b just past the midpoint towards O2: nearest-atom units H3O, HO, H3O are refused...
        Assert.Throws<FragmentationException>(() => Fragmentation.Create(Chain(0.40, 0.52), p.Settings));
        // ...so the blend keeps the one accepted assignment (b on O1), whose energy is the surface's here.
        var blended = p.Compute(Chain(0.40, 0.52), Needs.Forces);
        var bOnO1 = p.Compute(Chain(0.40, 0.52), Units(Chain(0.40, 0.52), 9, 3), Needs.Forces);
        Assert.Equal(bOnO1.Energy, blended.Energy, 12);
        // Past the blend (b 0.2 A nearer O2) with a still on O0 no assignment is accepted: a clear refusal, not a guess.
        var e = Assert.Throws<FragmentationException>(() => p.Compute(Chain(0.40, 0.58), Needs.Energy));
        Assert.Contains("odd", e.Message);
    }

    [Theory]
    [InlineData(0.40, 0.47)] [InlineData(0.40, 0.53)] [InlineData(0.47, 0.47)] [InlineData(0.47, 0.5)] [InlineData(0.47, 0.53)]
    public void Blended_forces_pass_finite_differences_when_some_assignments_are_refused(double ta, double tb)
    {
        var check = ForceCheck.Run(ChainPotential(), Chain(ta, tb), 1e-5);
        Assert.True(check.RelativeError < 1e-6, $"max error {check.MaxAbsError} (max force {check.MaxForce})");
    }

    [Fact]
    public void The_blended_energy_stays_continuous_while_the_chain_passes_the_proton_on()
    {
        var p = ChainPotential();
        double previous = p.Compute(Chain(0.47, 0.40), Needs.Energy).Energy, worst = 0;
        for (double tb = 0.402; tb <= 0.54; tb += 0.002)
        {
            double e = p.Compute(Chain(0.47, tb), Needs.Energy).Energy;
            worst = Math.Max(worst, Math.Abs(e - previous));
            previous = e;
        }
        // Steps of 0.0046 A of a proton on a toy surface with forces of order 1 eV/A: no jump means ~1e-2 eV at most.
        Assert.True(worst < 0.02, $"largest energy step {worst} eV");
    }

    /// <summary>The nearest-atom groups with <paramref name="atom"/> moved into the unit of <paramref name="heavy"/>.</summary>
    private static int[][] Units(Structure s, int atom, int heavy)
    {
        var groups = UnitFinder.Group(s).Select(g => g.Where(i => i != atom).ToList()).ToList();
        groups.First(g => g.Contains(heavy)).Add(atom);
        return groups.Where(g => g.Count > 0).Select(g => g.OrderBy(i => i).ToArray()).OrderBy(g => g[0]).ToArray();
    }
}
