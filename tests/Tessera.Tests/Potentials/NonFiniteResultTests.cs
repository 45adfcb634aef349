using Tessera.Core;
using Tessera.Dynamics;
using Tessera.Potentials;

namespace Tessera.Tests.Potentials;

/// <summary>A potential that turns NaN never reaches a trajectory or an optimiser: the step that got it stops with a
/// message naming the potential and where it happened.</summary>
public class NonFiniteResultTests
{
    /// <summary>A harmonic pair that returns a NaN energy (or one NaN force) from its call number <c>badFrom</c> on.</summary>
    private sealed class TurnsNaN(int badFrom, bool inForce) : IPotential
    {
        private int _calls;
        public string Name => "turns-nan";

        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
        {
            var r = new HarmonicTestPotential(1.0).Compute(s, needs);
            if (Interlocked.Increment(ref _calls) < badFrom) return r;
            if (!inForce) return r with { Energy = double.NaN };
            var f = (Vec3[])r.RequireForces().Clone();
            f[1] = new Vec3(0, double.PositiveInfinity, 0);
            return r with { Forces = f };
        }
    }

    private static Structure Pair() => new([1, 1], [new Vec3(0, 0, 0), new Vec3(0, 0, 1.1)]);

    [Fact]
    public void A_finite_result_passes_through_unchanged()
    {
        var r = new PotentialResult(-1.0, [new Vec3(1, 2, 3)]);
        Assert.True(r.AllFinite);
        Assert.Same(r, r.RequireFinite("p", "here"));
    }

    [Theory]
    [InlineData(false, "non-finite energy")]
    [InlineData(true, "non-finite force on atom 1")]
    public void Dynamics_stop_at_the_step_that_got_a_non_finite_result(bool inForce, string what)
    {
        var state = MdState.Create(Pair(), null);
        var e = Assert.Throws<NonFiniteResultException>(() =>
            MolecularDynamics.Run(state, new TurnsNaN(5, inForce), new VelocityVerlet(0.5), MdRunSettings.Create(100), null));
        Assert.Contains(what, e.Message);
        Assert.Contains("turns-nan", e.Message);
        Assert.Contains("MD step 3", e.Message); // calls 1 (start), 2..4 (steps 1..3 done), 5 fails while reaching step 4
    }

    [Fact]
    public void An_optimisation_step_with_a_non_finite_energy_stops()
    {
        var state = new OptimizationState(Pair());
        var e = Assert.Throws<NonFiniteResultException>(() => state.Update(new TurnsNaN(1, inForce: false)));
        Assert.Contains("optimisation step", e.Message);
    }
}
