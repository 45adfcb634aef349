using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Tests.Potentials;

public class SumPotentialTests
{
    [Fact]
    public void Sum_adds_energies_and_forces_and_passes_force_check()
    {
        var s = TestStructures.WaterDimer();
        var a = new HarmonicTestPotential(1.0);
        var b = new HarmonicTestPotential(2.5);
        var sum = new SumPotential([a, b]);
        var rs = sum.Compute(s, Needs.Forces);
        var ra = a.Compute(s, Needs.Forces);
        var rb = b.Compute(s, Needs.Forces);
        Assert.Equal(ra.Energy + rb.Energy, rs.Energy, 12);
        for (int i = 0; i < s.Count; i++)
            Assert.True((rs.Forces![i] - ra.Forces![i] - rb.Forces![i]).Length < 1e-12);
        Assert.True(ForceCheck.Run(sum, s).MaxAbsError < 1e-6);
    }

    /// <summary>A term that waits until every other term has started: a serial sum would wait for ever (here 20 s).</summary>
    private sealed class Rendezvous(Barrier barrier, IPotential inner, Exception? error = null) : IPotential
    {
        public string Name => inner.Name;
        public PotentialResult Compute(Structure s, Needs needs = Needs.Forces)
        {
            if (!barrier.SignalAndWait(TimeSpan.FromSeconds(20))) throw new TimeoutException("the terms did not run at the same time");
            return error is null ? inner.Compute(s, needs) : throw error;
        }
    }

    [Fact]
    public void Concurrent_terms_run_at_the_same_time_and_sum_bit_for_bit_as_in_order()
    {
        var s = TestStructures.WaterDimer();
        var terms = new IPotential[] { new HarmonicTestPotential(1.0), new LinearFieldTestPotential(new Vec3(0.3, -0.2, 0.1)), new HarmonicTestPotential(2.5) };
        var serial = new SumPotential(terms).Compute(s, Needs.Forces);
        var barrier = new Barrier(terms.Length);
        var concurrent = new SumPotential([.. terms.Select(t => new Rendezvous(barrier, t))], concurrent: true).Compute(s, Needs.Forces);
        Assert.Equal(serial.Energy, concurrent.Energy); // exact: the same additions in the same order
        Assert.Equal(serial.Forces!, concurrent.Forces!);
    }

    [Fact]
    public void Concurrent_terms_report_the_first_failing_term_in_order()
    {
        var s = TestStructures.WaterDimer();
        var ok = new HarmonicTestPotential(1.0);
        var first = new InvalidOperationException("first");
        var last = new ArgumentException("last");
        var both = new SumPotential([new Rendezvous(new Barrier(1), ok, first), new Rendezvous(new Barrier(1), ok, last)], concurrent: true);
        Assert.Same(first, Assert.Throws<InvalidOperationException>(() => both.Compute(s)));
        var onlyLast = new SumPotential([ok, new Rendezvous(new Barrier(1), ok, last)], concurrent: true);
        Assert.Same(last, Assert.Throws<ArgumentException>(() => onlyLast.Compute(s)));
    }

    [Fact]
    public void Force_check_catches_wrong_forces()
    {
        var s = TestStructures.WaterDimer();
        var wrong = new HarmonicTestPotential(1.0, forceScale: 1.1);
        Assert.True(ForceCheck.Run(wrong, s).MaxAbsError > 1e-3);
    }
}

public class PotentialAssertTests
{
    [Fact]
    public void Invariance_checks_pass_for_a_pair_potential()
    {
        var p = new HarmonicTestPotential(1.3);
        var s = TestStructures.WaterDimer();
        PotentialAssert.TranslationInvariant(p, s, 1e-10);
        PotentialAssert.RotationInvariant(p, s, 1e-10);
        PotentialAssert.PermutationInvariant(p, s, 1e-10);
        PotentialAssert.ForcesMatchFiniteDifferences(p, s, 1e-6);
    }

    [Fact]
    public void Rotation_check_catches_an_external_field()
    {
        var s = TestStructures.WaterDimer();
        var field = new SumPotential([new HarmonicTestPotential(1.0), new LinearFieldTestPotential(new Vec3(0.3, 0, 0))]);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PotentialAssert.RotationInvariant(field, s, 1e-6));
    }
}

/// <summary>E = -sum_i F . r_i: not rotation or translation invariant (a uniform external force).</summary>
public sealed class LinearFieldTestPotential(Vec3 force) : IPotential
{
    public string Name => "field";
    public PotentialResult Compute(Structure s, Needs needs = Needs.Forces) =>
        new(-s.Positions.Sum(r => Vec3.Dot(force, r)), Enumerable.Repeat(force, s.Count).ToArray());
}
