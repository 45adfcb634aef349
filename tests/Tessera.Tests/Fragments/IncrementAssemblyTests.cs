using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

/// <summary>The increment form sum_s W(s) d(s) against the coefficient form sum_s M(s) dE(s): the same energy, forces and
/// virial for any fragment energies, on random complexes with hard and switched edges, at every rank.</summary>
public class IncrementAssemblyTests
{
    private static readonly IPotential Energies = new SumPotential([new HarmonicTestPotential(0.005), new ThreeBodyTestPotential()]);

    private static Structure Cluster(int n, int seed, double spacing) =>
        WaterClusters.Build(WaterClusters.Grid(n, spacing, seed), seed, protonated: seed % 2 == 0);

    public static TheoryData<int, int, double, double?> Complexes()
    {
        var data = new TheoryData<int, int, double, double?>();
        for (int seed = 1; seed <= 4; seed++)
            foreach (int rank in new[] { 0, 1, 2, 3 })
            {
                data.Add(seed, rank, 3.6, null);      // hard cutoff
                data.Add(seed, rank, 3.6, 2.6);       // switched edges
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Complexes))]
    public void Increment_form_equals_the_coefficient_form(int seed, int rank, double cutoff, double? on)
    {
        var s = Cluster(5 + seed % 3, seed, 2.9);
        var settings = FragmentSettings.Create(rank, cutoff, switchOn: on, skipZeroCoefficients: seed % 2 == 1);
        var complex = Fragmentation.Create(s, settings).Complex;
        if (on is not null && rank > 0) Assert.Contains(complex.Graph.Edges, e => e.Weight is > 0.02 and < 0.98);
        var coefficients = new FragmentPotential(Energies, null, settings).Compute(s, Needs.Forces | Needs.Virial);
        var increments = new FragmentPotential(new IncrementTestLevel(Energies), null, settings, FragmentTarget.Increment)
            .Compute(s, Needs.Forces | Needs.Virial);
        Assert.Equal(coefficients.Energy, increments.Energy, 9);
        for (int i = 0; i < s.Count; i++)
            Assert.True((coefficients.Forces![i] - increments.Forces![i]).Length < 1e-9, $"atom {i}: {coefficients.Forces[i]} vs {increments.Forces[i]}");
        Assert.True((coefficients.Virial!.Value - increments.Virial!.Value).FrobeniusNorm < 1e-9);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)]
    public void Increment_forces_pass_finite_differences_inside_the_switching_region(int rank)
    {
        var s = Cluster(6, 3, 2.8);
        var settings = FragmentSettings.Create(rank, 3.6, switchOn: 2.7);
        Assert.Contains(Fragmentation.Create(s, settings).Graph.Edges, e => e.Weight is > 0.05 and < 0.95);
        var check = ForceCheck.Run(new FragmentPotential(new IncrementTestLevel(Energies), null, settings, FragmentTarget.Increment), s, 1e-4);
        Assert.True(check.RelativeError < 1e-6, $"max error {check.MaxAbsError} (max force {check.MaxForce})");
        Assert.True(check.MaxForce > 1e-2);
    }

    [Fact]
    public void Weights_lie_in_zero_one_while_coefficients_grow_with_the_cutoff()
    {
        var s = Cluster(8, 5, 2.6);
        var complex = Fragmentation.Create(s, FragmentSettings.Create(2, 6.5, switchOn: 5.5)).Complex;
        Assert.All(complex.Simplices, x => Assert.InRange(x.Weight, 0.0, 1.0));
        Assert.Contains(complex.Simplices, x => Math.Abs(x.Coefficient) > 1.5);
    }

    [Fact]
    public void An_increment_level_with_a_low_level_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new FragmentPotential(Energies, Energies, FragmentSettings.Create(1, 3.0), FragmentTarget.Increment));
        Assert.Contains("increments", e.Message);
    }
}
