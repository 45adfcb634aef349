using Tessera.Fragments;

namespace Tessera.Tests.Fragments;

public class SimplicialComplexTests
{
    /// <summary>Erdos-Renyi graph; weights 1 (hard) or uniform in (0, 1] (switched).</summary>
    internal static FragmentGraph RandomGraph(int n, double p, int seed, bool weighted)
    {
        var rng = new Random(seed);
        var edges = new List<(int, int, double)>();
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                if (rng.NextDouble() < p) edges.Add((a, b, weighted ? 1 - rng.NextDouble() : 1.0));
        return FragmentGraph.FromEdges(n, edges);
    }

    /// <summary>Independent reference: M(s) = sum_{k=0..R-r} (-1)^k N_k(s) by brute-force counting.</summary>
    private static double DirectCoefficient(SimplicialComplex c, Simplex s)
    {
        double m = 0;
        for (int k = 0; k <= c.MaxRank - s.Rank; k++)
        {
            int nk = c.Simplices.Count(t => t.Rank == s.Rank + k && s.Units.All(t.Units.Contains));
            m += (k % 2 == 0 ? 1 : -1) * nk;
        }
        return m;
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)]
    public void Hard_coefficients_match_direct_counting(int rank)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var c = SimplicialComplex.Build(RandomGraph(9, 0.5, seed, weighted: false), rank);
            foreach (var s in c.Simplices) Assert.Equal(DirectCoefficient(c, s), s.Coefficient);
        }
    }

    [Theory]
    [InlineData(0, false)] [InlineData(1, false)] [InlineData(2, false)] [InlineData(3, false)] [InlineData(5, false)]
    [InlineData(1, true)] [InlineData(2, true)] [InlineData(3, true)] [InlineData(5, true)]
    public void Every_unit_is_counted_once_for_any_weights(int rank, bool weighted)
    {
        for (int seed = 0; seed < 6; seed++)
        {
            var g = RandomGraph(10, 0.45, 100 + seed, weighted);
            var c = SimplicialComplex.Build(g, rank);
            for (int u = 0; u < 10; u++)
                Assert.Equal(1.0, c.Simplices.Where(s => s.Units.Contains(u)).Sum(s => s.Coefficient), 12);
        }
    }

    [Fact]
    public void Rank_one_is_edges_minus_degree_weighted_nodes()
    {
        var g = RandomGraph(8, 0.4, 7, weighted: false);
        var c = SimplicialComplex.Build(g, 1);
        foreach (var s in c.Simplices)
            Assert.Equal(s.Rank == 1 ? 1.0 : 1.0 - g.Degree(s.Units[0]), s.Coefficient);
    }

    [Theory]
    [InlineData(false)] [InlineData(true)]
    public void Complete_complex_keeps_only_the_whole_system(bool weightedButFull)
    {
        int n = 6;
        var edges = new List<(int, int, double)>();
        for (int a = 0; a < n; a++) for (int b = a + 1; b < n; b++) edges.Add((a, b, 1.0));
        var c = SimplicialComplex.Build(FragmentGraph.FromEdges(n, edges), weightedButFull ? n + 2 : n - 1);
        Assert.Equal(63, c.Simplices.Count);
        foreach (var s in c.Simplices) Assert.Equal(s.Units.Length == n ? 1.0 : 0.0, s.Coefficient);
    }

    /// <summary>For arbitrary subset energies the switched sum equals the expectation over random
    /// subgraphs (each edge kept with probability w): enumerate all 2^|E| subgraphs exactly.</summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)]
    public void Switched_energy_is_expectation_over_subgraphs(int rank)
    {
        var g = RandomGraph(6, 0.6, 11, weighted: true);
        var rng = new Random(5);
        var energy = new Dictionary<string, double>();
        double E(int[] units) => energy.TryGetValue(string.Join(",", units), out var v) ? v
            : energy[string.Join(",", units)] = rng.NextDouble() - 0.5;
        var c = SimplicialComplex.Build(g, rank);
        double switched = c.Simplices.Sum(s => s.Coefficient * E(s.Units));
        double expectation = 0;
        int m = g.Edges.Count;
        for (int mask = 0; mask < 1 << m; mask++)
        {
            double p = 1;
            var kept = new List<(int, int, double)>();
            for (int e = 0; e < m; e++)
            {
                bool on = (mask >> e & 1) != 0;
                p *= on ? g.Edges[e].Weight : 1 - g.Edges[e].Weight;
                if (on) kept.Add((g.Edges[e].A, g.Edges[e].B, 1.0));
            }
            var hard = SimplicialComplex.Build(FragmentGraph.FromEdges(6, kept), rank);
            expectation += p * hard.Simplices.Sum(s => s.Coefficient * E(s.Units));
        }
        Assert.Equal(expectation, switched, 12);
    }

    [Fact]
    public void Weight_gradient_matches_differences_of_the_switched_energy()
    {
        var g = RandomGraph(7, 0.6, 3, weighted: true);
        var edges = g.Edges.Select(x => (x.A, x.B, x.Weight)).ToArray();
        var c = SimplicialComplex.Build(FragmentGraph.FromEdges(7, edges, allSwitching: true), 3);
        var rng = new Random(9);
        var values = c.Simplices.Select(_ => rng.NextDouble() - 0.5).ToArray();
        var analytic = c.WeightGradient(values);
        double Energy(int edge, double dw) =>
            SimplicialComplex.Build(FragmentGraph.FromEdges(7, edges.Select((x, i) => (x.A, x.B, i == edge ? x.Weight + dw : x.Weight))), 3)
                .Simplices.Sum(s => s.Coefficient * values[c.IndexOf(s.Units)]);
        Assert.Contains(analytic, v => Math.Abs(v) > 1e-3);
        for (int e = 0; e < edges.Length; e++)
        {
            // E is linear in each single weight (every W(t) is), so a one-sided difference is exact.
            const double h = 1e-3;
            Assert.Equal((Energy(e, 0) - Energy(e, -h)) / h, analytic[e], 9);
        }
    }
}
