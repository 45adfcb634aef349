using Tessera.Core;
using Tessera.Fragments;
using Tessera.Potentials;

namespace Tessera.Tests.Fragments;

public class FragmentPotentialTests
{
    private static readonly IPotential Low = new HarmonicTestPotential(0.003);
    private static readonly IPotential High = new SumPotential([new HarmonicTestPotential(0.005), new ThreeBodyTestPotential()]);

    private static Structure Cluster(int n, int seed, double spacing = 2.8) =>
        WaterClusters.Build(WaterClusters.Grid(n, spacing, seed), seed, protonated: true);

    [Theory]
    [InlineData(true)] [InlineData(false)]
    public void Complete_complex_reproduces_the_full_high_level(bool skipZero)
    {
        var s = Cluster(5, 1);
        var settings = FragmentSettings.Create(4, 100.0, skipZeroCoefficients: skipZero);
        var assembled = new FragmentPotential(High, Low, settings).Compute(s);
        var full = High.Compute(s);
        Assert.Equal(full.Energy, assembled.Energy, 10);
        for (int i = 0; i < s.Count; i++) Assert.True((full.Forces![i] - assembled.Forces![i]).Length < 1e-10);
    }

    [Fact]
    public void Rank_one_equals_pairs_minus_degree_weighted_monomers()
    {
        var s = Cluster(6, 2);
        var settings = FragmentSettings.Create(1, 3.3);
        var fragmentation = Fragmentation.Create(s, settings);
        var units = fragmentation.Units;
        var graph = fragmentation.Graph;
        Assert.InRange(graph.Edges.Count, 3, 14);
        double E(params int[] us) =>
            High.Compute(s.Subset(us.SelectMany(u => units[u].Atoms).ToArray(), 0, 1), Needs.Energy).Energy;
        double direct = graph.Edges.Sum(e => E(e.A, e.B)) - Enumerable.Range(0, units.Count).Sum(u => (graph.Degree(u) - 1) * E(u));
        Assert.Equal(direct, new FragmentPotential(High, null, settings).Compute(s, Needs.Energy).Energy, 10);
    }

    [Theory]
    [InlineData(1, SwitchKind.Quintic)] [InlineData(2, SwitchKind.Quintic)] [InlineData(3, SwitchKind.Quintic)]
    [InlineData(2, SwitchKind.Smooth)]
    public void Forces_pass_finite_differences_inside_the_switching_region(int rank, SwitchKind kind)
    {
        var s = Cluster(6, 3);
        var settings = FragmentSettings.Create(rank, 3.6, switchOn: 2.7, kind: kind);
        var graph = Fragmentation.Create(s, settings).Graph;
        Assert.Contains(graph.Edges, e => e.Weight is > 0.05 and < 0.95);
        var check = ForceCheck.Run(new FragmentPotential(High, Low, settings), s, 1e-4);
        Assert.True(check.RelativeError < 1e-6, $"max error {check.MaxAbsError} (max force {check.MaxForce})");
        Assert.True(check.MaxForce > 1e-2);
    }

    [Fact]
    public void Virial_is_minus_the_strain_derivative()
    {
        var s = Cluster(4, 4);
        var p = new FragmentPotential(High, Low, FragmentSettings.Create(2, 3.6, switchOn: 2.7));
        var w = p.Compute(s, Needs.Forces | Needs.Virial).Virial!.Value;
        const double h = 1e-5;
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                double Strained(double e) => p.Compute(s.WithPositions(s.Positions.Select(r =>
                    r + (b == 0 ? new Vec3(e * r[a], 0, 0) : b == 1 ? new Vec3(0, e * r[a], 0) : new Vec3(0, 0, e * r[a]))).ToArray()),
                    Needs.Energy).Energy;
                Assert.Equal(-(Strained(h) - Strained(-h)) / (2 * h), w[a, b], 7);
            }
    }

    [Fact]
    public void Periodic_forces_pass_finite_differences_across_the_cell_face()
    {
        var s = WaterClusters.Build(WaterClusters.Grid(8, 3.0, 5), seed: 5);
        var shifted = s.Positions.Select(r => r - new Vec3(1.2, 1.2, 1.2)).ToArray();
        var box = new Structure(s.Numbers, shifted, Mat3.Diagonal(8.2, 8.2, 8.2), [true, true, true]);
        var settings = FragmentSettings.Create(2, 3.9, switchOn: 3.0);
        var fragmentation = Fragmentation.Create(box, settings);
        Assert.Equal(8, fragmentation.Units.Count);
        Assert.Contains(fragmentation.Graph.Edges, e => e.Weight is > 0.05 and < 0.95);
        var check = ForceCheck.Run(new FragmentPotential(High, null, settings), box, 1e-4);
        Assert.True(check.RelativeError < 1e-6, $"max error {check.MaxAbsError} (max force {check.MaxForce})");
    }

    [Fact]
    public void Energy_is_invariant_to_the_order_of_units()
    {
        var oxygens = WaterClusters.Grid(6, 2.9, 6);
        var settings = FragmentSettings.Create(3, 3.7, switchOn: 3.0);
        var a = WaterClusters.Build(oxygens, seed: 6, protonated: true, hydronium: 0);
        var order = new[] { 4, 1, 5, 0, 3, 2 };
        // Same molecules, listed in another order (rebuild with the same per-water orientation).
        var atomsOfWater = Enumerable.Range(0, 6).Select(w => w == 0 ? new[] { 0, 1, 2, 3 } : new[] { 3 * w + 1, 3 * w + 2, 3 * w + 3 }).ToArray();
        var perm = order.SelectMany(w => atomsOfWater[w]).ToArray();
        var b = a.Subset(perm, a.Charge, 1);
        var p = new FragmentPotential(High, Low, settings); // one instance: it is pure, so the two orders cannot disturb each other
        Assert.Equal(p.Compute(a, Needs.Energy).Energy, p.Compute(b, Needs.Energy).Energy, 10);
        var ca = Fragmentation.Create(a, settings);
        var cb = Fragmentation.Create(b, settings);
        string Key(Fragmentation f, Simplex x) => string.Join(";", x.Units.Select(u => f.Structure.Positions[f.Units[u].Anchors[0]]).Select(r => r.ToString()).Order());
        var coeffA = ca.Complex.Simplices.ToDictionary(x => Key(ca, x), x => x.Coefficient);
        Assert.Equal(coeffA.Count, cb.Complex.Simplices.Count);
        foreach (var x in cb.Complex.Simplices) Assert.Equal(coeffA[Key(cb, x)], x.Coefficient, 12);
    }
}
