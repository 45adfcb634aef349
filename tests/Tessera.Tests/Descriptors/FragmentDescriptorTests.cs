using Tessera.Core;
using Tessera.Descriptors;

namespace Tessera.Tests.Descriptors;

public class FragmentDescriptorTests
{
    // Unit species (the default) with the unit kinds these tests form: water, hydronium, and OH from a re-partition.
    private static readonly FragmentDescriptor Descriptor = new(FragmentDescriptorSettings.Default, [1, 8], ["H2O", "H3O", "HO"]);
    // Water dimer: atoms 0-2 are unit 0, atoms 3-5 are unit 1.
    private static readonly int[] Units = [0, 0, 0, 1, 1, 1];

    private static double[] Features(Structure s, int[] units)
    {
        var f = new double[Descriptor.Length];
        Descriptor.Compute(s.Numbers, s.Positions, units, f);
        return f;
    }

    private static void AssertSame(double[] a, double[] b, double tol = 1e-10)
    {
        for (int k = 0; k < a.Length; k++) Assert.True(Math.Abs(a[k] - b[k]) <= tol * (1 + Math.Abs(a[k])), $"feature {k}: {a[k]} vs {b[k]}");
    }

    [Fact]
    public void A_fragment_is_the_sum_of_the_parts_spanning_each_subset_of_its_units()
    {
        // Four waters close enough that angles reach across two and three units (arms up to 3.3 A); the parts of all 15
        // subsets add up to the whole (parts of four units are empty: an angle has three atoms), value and gradient.
        var rng = new Random(11);
        Vec3[] water = [new(0, 0, 0), new(0.96, 0, 0), new(-0.24, 0.93, 0)];
        Vec3[] sites = [new(0, 0, 0), new(2.8, 0.3, 0.1), new(0.4, 2.7, -0.5), new(1.9, 1.6, 2.2)];
        var positions = sites.SelectMany(c => water.Select(w => c + w + 0.1 * new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()))).ToArray();
        int[] numbers = [.. Enumerable.Repeat(new[] { 8, 1, 1 }, 4).SelectMany(x => x)];
        int[] units = [.. Enumerable.Range(0, 12).Select(a => a / 3)];
        var whole = new double[Descriptor.Length];
        Descriptor.Compute(numbers, positions, units, whole);
        var weights = Enumerable.Range(0, Descriptor.Length).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var gradient = new Vec3[12];
        Descriptor.AccumulateGradient(numbers, positions, units, weights, gradient);
        var sum = new double[Descriptor.Length];
        var sumGradient = new Vec3[12];
        int reachingThree = 0;
        for (int mask = 1; mask < 16; mask++)
        {
            var atoms = Enumerable.Range(0, 12).Where(a => (mask >> units[a] & 1) != 0).ToArray();
            var local = atoms.Select(a => System.Numerics.BitOperations.PopCount((uint)(mask & ((1 << units[a]) - 1)))).ToArray();
            var part = new double[Descriptor.Length];
            Descriptor.ComputeSpanning(atoms.Select(a => numbers[a]).ToArray(), atoms.Select(a => positions[a]).ToArray(), local, part);
            var g = new Vec3[atoms.Length];
            Descriptor.AccumulateSpanningGradient(atoms.Select(a => numbers[a]).ToArray(), atoms.Select(a => positions[a]).ToArray(), local, weights, g);
            for (int k = 0; k < part.Length; k++) sum[k] += part[k];
            for (int k = 0; k < atoms.Length; k++) sumGradient[atoms[k]] += g[k];
            if (System.Numerics.BitOperations.PopCount((uint)mask) == 3 && part.Any(x => x != 0)) reachingThree++;
            if (System.Numerics.BitOperations.PopCount((uint)mask) == 4) Assert.All(part, x => Assert.Equal(0.0, x));
        }
        Assert.True(reachingThree > 0, "no angle reaches three units: the geometry tests less than it should");
        AssertSame(whole, sum, 1e-12);
        for (int a = 0; a < 12; a++) Assert.True((gradient[a] - sumGradient[a]).Length <= 1e-12 * (1 + gradient[a].Length), $"atom {a}: {gradient[a]} vs {sumGradient[a]}");
    }

    [Theory]
    [InlineData(0.75, 2.05, 0.1, 0.08)]
    [InlineData(1.2, 9.0, 0.3, 0.3)]
    [InlineData(0.85, 1.95, 0.22, 0.15)]
    public void Grid_gaussians_by_recurrence_match_each_exponential(double start, double end, double spacing, double sigma)
    {
        // Distances inside, between and far beyond the centres on both sides (where the recurrence must neither
        // overflow nor lose the Gaussians that are still representable).
        var grid = new RadialGrid(start, end, spacing, sigma);
        var value = new double[grid.Count];
        var slope = new double[grid.Count];
        for (double r = 0.01; r < 15; r += 0.0137)
        {
            grid.Gaussians(r, value, slope);
            for (int k = 0; k < grid.Count; k++)
            {
                double u = r - grid.Centre(k), g = Math.Exp(-u * u / (2 * sigma * sigma)), dg = -u / (sigma * sigma) * g;
                Assert.True(Math.Abs(value[k] - g) <= 1e-11 * g + 1e-300, $"r = {r}, k = {k}: {value[k]} vs {g}");
                Assert.True(Math.Abs(slope[k] - dg) <= 1e-11 * Math.Abs(dg) + 1e-300, $"r = {r}, k = {k}: slope {slope[k]} vs {dg}");
            }
        }
    }

    [Fact]
    public void Invariant_to_rotation_and_translation()
    {
        var s = TestStructures.WaterDimer();
        var rot = PotentialAssert.RandomRotation(new Random(11));
        var moved = s.WithPositions(s.Positions.Select(r => rot * r + new Vec3(3, -2, 7)).ToArray());
        AssertSame(Features(s, Units), Features(moved, Units));
    }

    [Fact]
    public void Invariant_to_swapping_identical_atoms_and_identical_units()
    {
        var s = TestStructures.WaterDimer();
        int[] swapH = [0, 2, 1, 3, 5, 4];
        int[] swapUnits = [3, 4, 5, 0, 1, 2];
        foreach (var perm in new[] { swapH, swapUnits })
        {
            var p = new Structure(perm.Select(i => s.Numbers[i]).ToArray(), perm.Select(i => s.Positions[i]).ToArray());
            var units = perm.Select(i => Units[i]).ToArray();
            AssertSame(Features(s, Units), Features(p, units));
        }
    }

    [Fact]
    public void Distinguishes_different_geometries_and_unit_assignments()
    {
        var s = TestStructures.WaterDimer();
        var stretched = s.Clone();
        stretched.Positions[3] += new Vec3(0.3, 0, 0);
        Assert.True(Features(s, Units).Zip(Features(stretched, Units)).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
        // Same atoms, other partition into units: intra/inter channels differ.
        Assert.True(Features(s, Units).Zip(Features(s, [0, 0, 1, 1, 1, 1])).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void Gradient_matches_finite_differences()
    {
        var s = TestStructures.WaterDimer();
        var rng = new Random(5);
        var w = Enumerable.Range(0, Descriptor.Length).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double Weighted(Structure x) => Features(x, Units).Zip(w).Sum(p => p.First * p.Second);
        var grad = new Vec3[s.Count];
        Descriptor.AccumulateGradient(s.Numbers, s.Positions, Units, w, grad);
        const double h = 1e-5;
        for (int i = 0; i < s.Count; i++)
            for (int c = 0; c < 3; c++)
            {
                var plus = s.Clone(); var minus = s.Clone();
                var e = new Vec3(c == 0 ? h : 0, c == 1 ? h : 0, c == 2 ? h : 0);
                plus.Positions[i] += e; minus.Positions[i] -= e;
                double numeric = (Weighted(plus) - Weighted(minus)) / (2 * h);
                Assert.True(Math.Abs(numeric - grad[i][c]) < 1e-6 * (1 + Math.Abs(numeric)), $"atom {i} comp {c}: {grad[i][c]} vs {numeric}");
            }
    }

    /// <summary>H3O+ with O-H lengths (0.95, 1.00, 1.05) and the H-H distances (1.55, 1.60, 1.65) paired with them in
    /// two different ways: the same multisets of distances, so pair terms cannot tell them apart; angles can.</summary>
    private static Structure Hydronium(double d12, double d13, double d23)
    {
        double r1 = 0.95, r2 = 1.00, r3 = 1.05;
        double x2 = (r1 * r1 + r2 * r2 - d12 * d12) / (2 * r1), y2 = Math.Sqrt(r2 * r2 - x2 * x2);
        double x3 = (r1 * r1 + r3 * r3 - d13 * d13) / (2 * r1);
        double y3 = (x2 * x2 + y2 * y2 - 2 * x3 * x2 + r3 * r3 - d23 * d23) / (2 * y2);
        double z3 = Math.Sqrt(r3 * r3 - x3 * x3 - y3 * y3);
        return new Structure([8, 1, 1, 1], [new Vec3(0, 0, 0), new Vec3(r1, 0, 0), new Vec3(x2, y2, 0), new Vec3(x3, y3, z3)]);
    }

    [Fact]
    public void Angular_terms_see_which_bonds_share_an_angle()
    {
        Structure a = Hydronium(1.55, 1.60, 1.65), b = Hydronium(1.65, 1.60, 1.55);
        int[] one = [0, 0, 0, 0];
        double[] F(FragmentDescriptorSettings settings, Structure s)
        {
            var d = new FragmentDescriptor(settings, [1, 8], ["H3O"]);
            var f = new double[d.Length];
            d.Compute(s.Numbers, s.Positions, one, f);
            return f;
        }
        AssertSame(F(FragmentDescriptorSettings.PairDistances, a), F(FragmentDescriptorSettings.PairDistances, b), 1e-9);
        double diff = F(FragmentDescriptorSettings.Default, a).Zip(F(FragmentDescriptorSettings.Default, b)).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(diff > 1e-3, $"largest angular difference {diff:E2}");
    }

    [Fact]
    public void Directional_derivative_matches_finite_differences()
    {
        var s = Hydronium(1.55, 1.60, 1.65);
        int[] units = [0, 0, 0, 0];
        var d = new FragmentDescriptor(FragmentDescriptorSettings.Default, [1, 8], ["H3O"]);
        var rng = new Random(9);
        var dir = Enumerable.Range(0, s.Count).Select(_ => new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
        var tangent = new double[d.Length];
        d.Directional(s.Numbers, s.Positions, units, dir, tangent);
        const double h = 1e-5;
        double[] At(double t)
        {
            var f = new double[d.Length];
            d.Compute(s.Numbers, s.Positions.Select((r, i) => r + t * dir[i]).ToArray(), units, f);
            return f;
        }
        var plus = At(h); var minus = At(-h);
        for (int k = 0; k < d.Length; k++)
        {
            double numeric = (plus[k] - minus[k]) / (2 * h);
            Assert.True(Math.Abs(numeric - tangent[k]) < 1e-6 * (1 + Math.Abs(numeric)), $"feature {k}: {tangent[k]} vs {numeric}");
        }
    }

    [Fact]
    public void Unknown_element_is_a_clear_error()
    {
        var s = new Structure([6, 1], [new(0, 0, 0), new(1.1, 0, 0)]);
        var ex = Assert.Throws<ArgumentException>(() => Features(s, [0, 0]));
        Assert.Contains("Element C", ex.Message);
    }
}
